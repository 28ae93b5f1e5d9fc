"""What follow-up adds to the pages that gather every capability: its part of the record page, the caseload's column
of people nobody has spoken with since a crisis or leaving hospital, its measure, and its part of All my data."""

from typing import Any

from django.utils.translation import gettext_noop as N_

from safeplan.followup import measures as followup_measures
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import Capability, CaseloadColumn, DemoWorld, RecordPart


def _part(access: RecordAccess) -> dict[str, Any]:
    from safeplan.followup.queries import count_waiting

    return {"waiting": count_waiting(access.person.pk) if access.is_care_team else 0}


def _waiting(person_ids: list[Any]) -> set[Any]:
    from safeplan.followup.queries import waiting

    return set(waiting(person_ids).values_list("person_id", flat=True))


def _export(person: Any) -> dict[str, Any]:
    from safeplan.followup.export import export_follow_up

    return export_follow_up(person)


def _daily() -> list[Any]:
    from safeplan.followup.tasks import remind_of_follow_up

    return [remind_of_follow_up]


def _seed(world: DemoWorld) -> None:
    from safeplan.followup.demo import seed_follow_up

    seed_follow_up(world)


FOLLOW_UP = Capability(
    "followup",
    record_parts=[RecordPart("followup/_record_part.jinja", _part)],
    caseload_columns=[
        CaseloadColumn("After a crisis", _waiting, flag="Nobody reached yet", otherwise="Nothing waiting")
    ],
    seed_demo=_seed,
    daily=_daily,
    export=_export,
    measures=followup_measures.MEASURES,
    object_names={
        "crisis_follow_up": N_("crisis contacts and leaving hospital"),
        "crisis_event": N_("a crisis contact or leaving hospital"),
        "follow_up": N_("contact after a crisis or leaving hospital"),
    },
    creation_words={
        "crisis_event": N_("recorded a crisis contact or leaving hospital"),
        "follow_up": N_("recorded contact after a crisis or leaving hospital"),
    },
)
