"""What concerns add to the pages that gather every capability: a part of the record page, the supporter's link to
the concerns they raised, the team lead's link to late concerns, and the words for its audit rows."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from safeplan.concerns import measures as concerns_measures
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import Capability, CaseloadColumn, DemoWorld, ItemAction, NavLink, RecordPart
from safeplan.people.models import SupportRelationship, User


def _late(person_ids: list[Any]) -> set[Any]:
    """People on the listed caseload with a concern whose acknowledgement or response is late (one query)."""
    from safeplan.concerns.queries import late_cases

    return set(late_cases(person_ids).values_list("person_id", flat=True))


def _late_concerns(user: User) -> str | None:
    """The page of late concerns, in the navigation of team leads and oversight only."""
    from safeplan.concerns.escalation import led_teams, overseen

    return reverse("late_concerns") if led_teams(user) or overseen(user) else None


def _learning(user: User) -> str | None:
    """The organisation's figures from concerns and compliments, for oversight and team leads."""
    from safeplan.concerns.views_learning import learning_organisations

    return reverse("concerns_learning") if learning_organisations(user) else None


def _your_concerns(user: User) -> str | None:
    """Raising a concern is a tap away from every page of the person's own view."""
    return reverse("your_concerns") if getattr(user, "person_record", None) is not None else None


def _raise_link(access: RecordAccess) -> Callable[[str], str] | None:
    from safeplan.concerns.about import raise_link

    return raise_link(access)


def _seed(world: DemoWorld) -> None:
    from safeplan.concerns.demo import seed_concerns

    seed_concerns(world)


def _supporter_pages(support: SupportRelationship) -> list[tuple[str, str]]:
    """A supporter reaches concerns only while the person shares something with them."""
    from safeplan.people.shares import current_shares

    if not current_shares(support).exists():
        return []
    return [("Concerns and compliments you raised", reverse("concern_list", kwargs={"person_id": support.person_id}))]


def _export(person: Any) -> dict[str, Any]:
    from safeplan.concerns.export import export_concerns

    return export_concerns(person)


def _daily() -> list[Any]:
    from safeplan.concerns.tasks import send_concern_reminders

    return [send_concern_reminders]


CONCERNS = Capability(
    "concerns",
    daily=_daily,
    measures=concerns_measures.MEASURES,
    record_parts=[RecordPart("concerns/_record_part.jinja")],
    navigation=[
        NavLink(gettext_lazy("Concerns"), _your_concerns),
        NavLink("Late concerns", _late_concerns),
        NavLink("Learning", _learning),
    ],
    item_actions=[ItemAction(gettext_lazy("Raise a concern about this"), _raise_link)],
    supporter_pages=_supporter_pages,
    caseload_columns=[CaseloadColumn("Concerns", _late, flag="Concern late", otherwise="On time")],
    seed_demo=_seed,
    export=_export,
    object_names={
        "concern": N_("a concern or compliment"),
        "concerns": N_("concerns and compliments"),
        "restorative": N_("a restorative response to a concern"),
    },
    creation_words={
        "concern": N_("raised a concern or compliment"),
        "restorative": N_("recorded a restorative response"),
    },
    change_words={"concern": N_("moved a concern on")},
)
