"""What the circle adds to the pages that gather every capability: the person's link to their sharing choices,
the words for its audit rows, and, for a supporter, the links to what was shared with them."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from safeplan.circle import measures as circle_measures
from safeplan.people.capabilities import Capability, DemoWorld, RecordPart
from safeplan.people.models import Person, SupportRelationship


def shared_with(support: SupportRelationship) -> list[tuple[str, str]]:
    """(text, link) for each thing the person currently shares some of with this supporter."""
    from safeplan.people.capabilities import shareables
    from safeplan.people.shares import current_shares

    shared = set(current_shares(support).values_list("object_type", "object_id"))
    links = [
        (item.title, item.href) for item in shareables(support.person) if (item.object_type, item.object_id) in shared
    ]
    return links


def supporter_pages(support: SupportRelationship) -> list[tuple[str, str]]:
    """A supporter's own page about their needs as a carer (not an independent advocate's: they are not carers)."""
    if support.kind != SupportRelationship.Kind.SUPPORTER:
        return []
    return [("Your own needs as a carer", reverse("carer_needs", kwargs={"support_id": support.pk}))]


def _sharing_page(person_id: Any, object_id: str) -> str:
    """Where the person sees who they chose and what each sees (the words and links of the person's own pages)."""
    return reverse("circle_sharing")


def _export(person: Person) -> dict[str, Any]:
    from safeplan.circle.export import sharing_history

    return {"sharing_history": sharing_history(person)}


def _seed(world: DemoWorld) -> None:
    from safeplan.circle.demo import seed_sharing

    seed_sharing(world)


CIRCLE = Capability(
    "circle",
    measures=circle_measures.MEASURES,
    record_parts=[RecordPart("circle/_record_part.jinja")],
    object_names={
        "share": N_("what you share"),
        "sharing": N_("who can see your plans"),
        "invitation": N_("an invitation to join your circle"),
        "support": N_("the people you chose"),
        "carer_needs": N_("a carer's own needs"),
    },
    creation_words={
        "invitation": N_("invited someone to join your circle"),
        "support": N_("accepted your invitation to join your circle"),
    },
    change_words={"invitation": N_("withdrew an invitation to join your circle")},
    object_links={"invitation": _sharing_page, "support": _sharing_page, "share": _sharing_page},
    listed_when_yours=frozenset({"share", "invitation"}),
    shared_with=shared_with,
    supporter_pages=supporter_pages,
    seed_demo=_seed,
    export=_export,
)
