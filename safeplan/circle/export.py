"""The person's sharing history for "All my data": every share with each person they chose, from when, until when,
and when it was stopped."""

from typing import Any

from safeplan.circle.presenters import share_titles
from safeplan.circle.services import acting_for
from safeplan.people.capabilities import shareables
from safeplan.people.models import Person
from safeplan.people.shares import Share


def sharing_history(person: Person) -> list[dict[str, Any]]:
    titles = share_titles([*shareables(person), acting_for(person)])
    rows = []
    shares = Share.objects.filter(support__person=person).select_related("support__user").order_by("shared_at", "pk")
    for share in shares:
        rows.append(
            {
                "with": str(share.support.user),
                "as": share.support.get_kind_display().lower(),
                "what": titles.get((share.object_type, share.object_id, share.part), "something no longer held"),
                "may_add": share.may_add,
                "shared_at": share.shared_at,
                "until": share.ends_on,
                "stopped_at": share.revoked_at,
            }
        )
    return rows
