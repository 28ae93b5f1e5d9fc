"""What a case page says: the steps so far with their dates, what is due next, and plainly when a step is late."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from safeplan.concerns.models import Concern, Kind, State, Step
from safeplan.concerns.queries import OPEN
from safeplan.core.dates import add_months


def _day(value: date) -> str:
    return f"{value:%-d %B %Y}"


STEP_WORDS = {
    State.RECEIVED: "Received",
    State.ACKNOWLEDGED: "Acknowledged",
    State.LOOKING_INTO: "Being looked into",
    State.RESPONDED: "Response sent",
    State.CLOSED: "Closed",
    State.REFERRED: "Referred on",
}


@dataclass
class Due:
    text: str
    late: bool
    letter: bool = False  # the letter explaining a delay of six months


@dataclass
class StepLine:
    when: str
    what: str
    by: str
    note: str


def tag(concern: Concern, today: date | None = None, due: list[Due] | None = None) -> tuple[str, str]:
    """The case's state as an NHS tag, red when something is late (`due`: its dues, when already worked out)."""
    if any(item.late for item in (due if due is not None else dues(concern, today))):
        return ("Late", "nhsuk-tag--red")
    colour = {State.CLOSED: "nhsuk-tag--grey", State.REFERRED: "nhsuk-tag--grey", State.RESPONDED: "nhsuk-tag--green"}
    return (STEP_WORDS[State(concern.state)], colour.get(State(concern.state), "nhsuk-tag--blue"))


def dues(concern: Concern, today: date | None = None) -> list[Due]:
    """What is due next and by when; a late step says so plainly."""
    day = today or timezone.localdate()
    found = []
    if concern.state == State.RECEIVED:
        late = day > concern.acknowledge_by
        verb = "was due" if late else "due by"
        found.append(
            Due(f"Acknowledgement {verb} {_day(concern.acknowledge_by)}" + (": it is late." if late else ""), late)
        )
    if concern.kind == Kind.CONCERN and concern.state in OPEN:
        late = day > concern.respond_by
        verb = "was due" if late else "due by"
        found.append(Due(f"Response {verb} {_day(concern.respond_by)}" + (": it is late." if late else ""), late))
        letter = add_months(concern.received_on, 6)
        if day >= letter and not Step.objects.filter(concern=concern, delay_letter=True).exists():
            found.append(
                Due(f"No response after 6 months: a letter explaining the delay was due {_day(letter)}.", True, True)
            )
    return found


def steps(concern: Concern, *, for_staff: bool) -> list[StepLine]:
    """The case history, oldest first. The raiser sees who handled each step by role; staff by name."""
    lines = []
    for step in Step.objects.filter(concern=concern).order_by("written_at", "pk"):
        what = STEP_WORDS[State(step.state)]
        if step.delay_letter:
            what = "A letter explaining the delay was sent"
        elif step.respond_by is not None:
            what = f"New date for the response agreed: {_day(step.respond_by)}"
        who = f"{step.written_by_name} ({step.written_by_role})" if for_staff or step.state != State.RECEIVED else ""
        lines.append(StepLine(f"{timezone.localtime(step.written_at):%-d %B %Y}", what, who, step.note))
    return lines
