"""What oversight adds to the pages that gather every capability: one link for staff ("Improving care": measures,
improvement cycles, training, policies, practice stories), what training is due on their caseload page, the practice
stories part of the record page, the demo's training and policies, and the daily training reminders."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from safeplan.people.capabilities import Capability, DemoWorld, NavLink, RecordPart
from safeplan.people.models import User


def _improving(user: User) -> str | None:
    """One link for everything here: the measures and improvement cycles (oversight and team leads), training,
    policies and practice stories (every member of staff)."""
    from safeplan.people.access import staff_roles

    roles = {role.role for role in staff_roles(user)}
    return reverse("improving") if roles & {"oversight", "team_lead", "practitioner"} else None


def _notices(user: User) -> list[tuple[str, str]]:
    """Training this member of staff is due for: never done, overdue, or a refresher coming up."""
    from safeplan.oversight.training import due_for

    return [
        (f"Training in {status.title[0].lower()}{status.title[1:]}: {status.words[0].lower()}{status.words[1:]}", link)
        for link in [reverse("training")]
        for _, status in due_for(user)
    ]


def _export(person: Any) -> dict[str, Any]:
    """The practice stories written from their record, shared or withdrawn, for All my data."""
    from safeplan.oversight.stories import of

    return {
        "practice_stories": [
            {
                "title": story.title,
                "about": story.get_kind_display(),
                "story": story.story,
                "what_others_can_learn": story.learned,
                "you_agreed_on": story.agreed_on.isoformat(),
                "written_at": story.written_at.isoformat(),
                "withdrawn_at": story.withdrawn_at.isoformat() if story.withdrawn_at else None,
            }
            for story in of(person)
        ]
    }


def _seed(world: DemoWorld) -> None:
    from safeplan.oversight.demo import seed_oversight

    seed_oversight(world)


def _daily() -> list[Any]:
    from safeplan.oversight.tasks import remind_of_training, work_out_measures

    return [work_out_measures, remind_of_training]


OVERSIGHT = Capability(
    "oversight",
    daily=_daily,
    navigation=[NavLink("Improving care", _improving)],
    record_parts=[RecordPart("oversight/_record_part.jinja")],
    staff_notices=_notices,
    seed_demo=_seed,
    export=_export,
    object_names={
        "oversight_measures": N_("service measures (figures only)"),
        "practice_stories": N_("practice stories from your record"),
        "practice_story": N_("a practice story you agreed to share"),
    },
    creation_words={"practice_story": N_("wrote a practice story with your agreement")},
    change_words={"practice_story": N_("withdrew a practice story")},
)
