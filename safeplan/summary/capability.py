"""What the safety summary adds to the pages that gather every capability: its part of the record page, the person's
way to share it, "All my data", the demo's summaries and the words for its audited objects."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import Capability, DemoWorld, Described, RecordPart, Shareable
from safeplan.people.models import Person

SHARED_AS = "summary"  # as summary.queries.SHARED_AS, kept here so registering imports no models


def _shareable(person: Person) -> list[Shareable]:
    """The summary, whole: a supporter it is shared with reads it as they would read its parts (plans' sections only
    where those are shared with them too; never check-ins)."""
    href = reverse("summary", kwargs={"person_id": person.pk})
    return [Shareable(SHARED_AS, str(person.pk), N_("Safety summary"), href, group=N_("Your safety summary"))]


def _describe(access: RecordAccess, object_id: str, part: str) -> Described | None:
    """The summary, named for a reader who may read it (a supporter only when it is shared with them)."""
    if part or object_id != str(access.person.pk):
        return None
    if access.is_supporter and not access.parts_shared(SHARED_AS, access.person.pk):
        return None
    whose = "Your" if access.is_person else f"{access.person.name_to_use}'s"
    shown = _("Your safety summary") if access.is_person else f"{access.person.name_to_use}'s safety summary"
    href = reverse("summary", kwargs={"person_id": access.person.pk})
    return Described(f"{whose} safety summary", href, THEME, shown=shown)


THEME = "Their safety summary"


def _export(person: Person) -> dict[str, Any]:
    from safeplan.summary.export import export_summary

    return export_summary(person)


def _seed(world: DemoWorld) -> None:
    from safeplan.summary.demo import seed_summaries

    seed_summaries(world)


SUMMARY = Capability(
    "summary",
    record_parts=[RecordPart("summary/_record_part.jinja")],
    shareable=_shareable,
    export=_export,
    seed_demo=_seed,
    object_names={
        "safety_summary": N_("your safety summary"),
        "goal": N_("your goals"),
        "about_me": N_("your safety summary"),
        "attendance": N_("your safety summary"),
    },
    creation_words={
        "goal": N_("added a goal"),
        "about_me": N_("wrote what you want people to know about you"),
        "attendance": N_("recorded an appointment you attended"),
    },
    change_words={"goal": N_("changed a goal")},
    describes={SHARED_AS: _describe},
    themes={SHARED_AS: THEME},
)
