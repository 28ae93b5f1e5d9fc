"""What the circle adds to the pages that gather every capability: the person's link to their sharing choices,
the words for its audit rows, and, for a supporter, the links to what was shared with them."""

from typing import Any

from django.urls import reverse

from safeplan.people.capabilities import Capability, DemoWorld, RecordPart
from safeplan.people.models import Person, SupportRelationship


def shared_with(support: SupportRelationship) -> list[tuple[str, str]]:
    """(text, link) for each plan the person currently shares some of with this supporter."""
    from safeplan.people.shares import current_shares
    from safeplan.plans.queries import SHARED_AS, plans_of

    shared = set(current_shares(support).filter(object_type=SHARED_AS).values_list("object_id", flat=True))
    return [
        (plan.title, reverse("plan", kwargs={"person_id": support.person_id, "plan_id": plan.pk}))
        for plan in plans_of(support.person)
        if str(plan.pk) in shared
    ]


def _export(person: Person) -> dict[str, Any]:
    from safeplan.circle.export import sharing_history

    return {"sharing_history": sharing_history(person)}


def _seed(world: DemoWorld) -> None:
    from safeplan.circle.demo import seed_sharing

    seed_sharing(world)


CIRCLE = Capability(
    "circle",
    record_parts=[RecordPart("circle/_record_part.jinja")],
    object_names={"share": "what you share", "sharing": "who can see your plans"},
    shared_with=shared_with,
    seed_demo=_seed,
    export=_export,
)
