"""What the circle adds to the pages that gather every capability: the person's link to their sharing choices,
the words for its audit rows, and, for a supporter, the links to what was shared with them."""

from django.urls import reverse

from safeplan.people.capabilities import Capability, DemoWorld, RecordPart
from safeplan.people.models import SupportRelationship


def shared_with(support: SupportRelationship) -> list[tuple[str, str]]:
    """(text, link) for each plan the person currently shares some of with this supporter."""
    from safeplan.people.shares import Share
    from safeplan.plans.models import Plan
    from safeplan.plans.queries import SHARED_AS

    shared = Share.objects.current().filter(support=support, object_type=SHARED_AS).values_list("object_id", flat=True)
    plans = Plan.objects.filter(person=support.person, pk__in=set(shared)).select_related("template")
    return [
        (plan.title, reverse("plan", kwargs={"person_id": support.person_id, "plan_id": plan.pk}))
        for plan in plans.order_by("started_at")
    ]


def _seed(world: DemoWorld) -> None:
    from safeplan.circle.demo import seed_sharing

    seed_sharing(world)


CIRCLE = Capability(
    "circle",
    record_parts=[RecordPart("circle/_record_part.jinja")],
    object_names={"share": "what you share", "sharing": "who can see your plans"},
    shared_with=shared_with,
    seed_demo=_seed,
)
