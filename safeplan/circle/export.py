"""The person's sharing history for "All my data": every share with each person they chose, from when, until when,
and when it was stopped."""

from typing import Any

from safeplan.people.models import Person
from safeplan.people.shares import Share
from safeplan.plans.queries import SHARED_AS, plans_of


def sharing_history(person: Person) -> list[dict[str, Any]]:
    sections = {
        (str(plan.pk), section["key"]): (plan.title, section["title"])
        for plan in plans_of(person)
        for section in plan.template.sections
    }
    rows = []
    shares = Share.objects.filter(support__person=person).select_related("support__user").order_by("shared_at", "pk")
    for share in shares:
        plan, section = sections.get((share.object_id, share.part), ("a plan no longer held", "all of it"))
        rows.append(
            {
                "with": str(share.support.user),
                "as": share.support.get_kind_display().lower(),
                "what": f"{section}, from {plan}" if share.object_type == SHARED_AS else share.object_type,
                "shared_at": share.shared_at,
                "until": share.ends_on,
                "stopped_at": share.revoked_at,
            }
        )
    return rows
