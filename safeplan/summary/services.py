"""Every change the safety summary holds of its own: what the person wants people to know about them (theirs alone),
their goals (the person, or the care team writing with them), and appointments attended. One transaction each,
audited; a goal changes only from the revision its writer saw, so two people writing at once never lose a word."""

from datetime import date, datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from safeplan.people.capabilities import describe, parse_ref
from safeplan.people.records import Action, RecordError, Writer, audit_change
from safeplan.summary.models import AboutMe, Attendance, Goal, GoalRevision

STALE = "Someone else changed this goal after you opened it. Here it is as it stands now: make your change again."


class SummaryError(RecordError):
    """A change to the summary that cannot be made; the message is safe to show."""


def say_about_me(writer: Writer, words: str, *, now: datetime | None = None) -> AboutMe:
    """The person's own words about themselves; only the person writes them."""
    writer.check(error=SummaryError, what="summary")
    if not writer.is_person:
        raise SummaryError("What people should know about someone is theirs to write, in their own words.")
    with transaction.atomic():
        said = AboutMe.objects.create(person=writer.access.person, words=words.strip(), **writer.authored(now))
        audit_change(writer, Action.CREATE, "about_me", said.pk)
    return said


def _serves(writer: Writer, serves: list[str]) -> list[str]:
    """Only references to things of this person the writer may see (a plan, a decision), each once."""
    kept = []
    for reference in dict.fromkeys(serves):
        if parse_ref(reference) is None or describe(writer.access, reference) is None:
            raise SummaryError("Choose the plans and decisions it serves from the list.")
        kept.append(reference)
    return kept


def add_goal(
    writer: Writer, *, words: str, steps: str = "", who_helps: str = "", serves: list[str] | None = None
) -> Goal:
    writer.check(error=SummaryError, what="goal")
    if not words.strip():
        raise SummaryError("Say what you want to do.")
    moment = timezone.now()
    with transaction.atomic():
        goal = Goal.objects.create(person=writer.access.person, created_at=moment)
        _revise(writer, goal, 1, words, steps, who_helps, _serves(writer, serves or []), False, moment)
        audit_change(writer, Action.CREATE, "goal", goal.pk, 1)
    return goal


def change_goal(
    writer: Writer,
    goal: Goal,
    *,
    based_on: int,
    words: str,
    steps: str = "",
    who_helps: str = "",
    serves: list[str] | None = None,
    ended: bool = False,
) -> GoalRevision:
    """A new revision of a goal, only if nobody changed it since `based_on` (else SummaryError, changing nothing)."""
    writer.check(goal.person_id, error=SummaryError, what="goal")
    if not words.strip():
        raise SummaryError("Say what you want to do.")
    kept = _serves(writer, serves or [])
    moment = timezone.now()
    with transaction.atomic():
        if Goal.objects.filter(pk=goal.pk, revision=based_on).update(revision=F("revision") + 1) != 1:
            raise SummaryError(STALE)
        revision = _revise(writer, goal, based_on + 1, words, steps, who_helps, kept, ended, moment)
        audit_change(writer, Action.UPDATE, "goal", goal.pk, based_on + 1)
    goal.revision = based_on + 1
    return revision


def _revise(
    writer: Writer,
    goal: Goal,
    number: int,
    words: str,
    steps: str,
    who_helps: str,
    serves: list[str],
    ended: bool,
    moment: datetime,
) -> GoalRevision:
    return GoalRevision.objects.create(
        goal=goal,
        number=number,
        words=words.strip(),
        steps=steps.strip(),
        who_helps=who_helps.strip(),
        serves=serves,
        ended=ended,
        **writer.authored(moment),
    )


def record_attendance(writer: Writer, *, attended_on: date, what: str) -> Attendance:
    """An appointment attended (never one missed), recorded by the person or their care team."""
    writer.check(error=SummaryError, what="summary")
    if attended_on > timezone.localdate():
        raise SummaryError("An appointment attended cannot be in the future.")
    if not what.strip():
        raise SummaryError("Say what the appointment was, for example with your care coordinator.")
    with transaction.atomic():
        row = Attendance.objects.create(
            person=writer.access.person, attended_on=attended_on, what=what.strip(), **writer.authored()
        )
        audit_change(writer, Action.CREATE, "attendance", row.pk, attended_on.isoformat())
    return row
