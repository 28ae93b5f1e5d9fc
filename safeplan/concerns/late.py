"""The one rule for what is late in a case, used by the caseload's column, the case page, the team lead's page and the
daily reminder alike (so none of them can disagree).

Only a concern or complaint has time limits (the complaints regulations'): a compliment is thanked, never late.
A step of a concern is late once its date has passed:
- the acknowledgement: still received after `acknowledge_by`;
- the response: still open (received, acknowledged, being looked into) after `respond_by`, which moves when a new
  date is agreed with the raiser;
- the letter explaining the delay: still open on `delay_letter_by` (set at receipt from the policy's
  `delay_letter_months`, six by default) with no such letter sent.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from safeplan.concerns.models import Concern, Kind, Reminder, State, Step
from safeplan.concerns.queries import OPEN

STEP_WORDS = {
    Reminder.Kind.ACKNOWLEDGE: "The acknowledgement",
    Reminder.Kind.RESPOND: "The response",
    Reminder.Kind.DELAY_LETTER: "A letter explaining why the response is taking so long",
}


@dataclass(frozen=True)
class LateStep:
    """One late step of a case: what (a `Reminder.Kind`) and the date that was missed."""

    kind: str
    due_on: date

    @property
    def words(self) -> str:
        """What is late and since when, without anything about the person: "The response was due 3 March 2027"."""
        return f"{STEP_WORDS[Reminder.Kind(self.kind)]} was due {self.due_on:%-d %B %Y}"


def _letter_sent() -> Exists:
    return Exists(Step.objects.filter(concern=OuterRef("pk"), delay_letter=True))


def late_rule(day: date) -> Q:
    """The cases with a late step on `day`, as a query condition (one query, on indexed dates)."""
    late_ack = Q(state=State.RECEIVED, acknowledge_by__lt=day)
    still_open = Q(state__in=OPEN)
    late_response = still_open & Q(respond_by__lt=day)
    letter_due = still_open & Q(delay_letter_by__lte=day) & ~Q(_letter_sent())
    return Q(kind=Kind.CONCERN) & (late_ack | late_response | letter_due)


def late_cases(day: date) -> QuerySet[Concern]:
    """Every case with a late step on `day`, each knowing whether its delay letter was sent (for `late_steps`)."""
    return Concern.objects.filter(late_rule(day)).annotate(letter_sent=_letter_sent())


def letter_sent(concern: Concern) -> bool:
    """Whether the delay letter was sent (annotated by `late_cases`, else one query)."""
    known = getattr(concern, "letter_sent", None)
    if known is not None:
        return bool(known)
    return Step.objects.filter(concern=concern, delay_letter=True).exists()


def late_steps(concern: Concern, day: date) -> list[LateStep]:
    """The steps of this case that are late on `day`, in the order they fell due (the same rule as `late_rule`)."""
    if concern.kind != Kind.CONCERN or concern.state not in OPEN:
        return []
    found = []
    if concern.state == State.RECEIVED and day > concern.acknowledge_by:
        found.append(LateStep(Reminder.Kind.ACKNOWLEDGE, concern.acknowledge_by))
    if day > concern.respond_by:
        found.append(LateStep(Reminder.Kind.RESPOND, concern.respond_by))
    if day >= concern.delay_letter_by and not letter_sent(concern):
        found.append(LateStep(Reminder.Kind.DELAY_LETTER, concern.delay_letter_by))
    return sorted(found, key=lambda step: step.due_on)
