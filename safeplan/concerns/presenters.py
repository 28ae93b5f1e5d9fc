"""What a case page says: the steps so far with their dates, what is due next, and plainly when a step is late."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from safeplan.concerns.late import late_steps
from safeplan.concerns.models import Concern, Kind, Reminder, State, Step
from safeplan.concerns.queries import OPEN


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
    """What is due next and by when; a late step says so plainly (`concerns/late.py`'s rule). A compliment is
    thanked: the date it should be by is shown, and it is never late."""
    day = today or timezone.localdate()
    late = {step.kind: step for step in late_steps(concern, day)}
    found = []
    if concern.kind == Kind.COMPLIMENT:
        if concern.state == State.RECEIVED:
            found.append(Due(f"We aim to say thank you by {_day(concern.acknowledge_by)}.", False))
        return found
    if concern.state == State.RECEIVED:
        found.append(_due("Acknowledgement", concern.acknowledge_by, Reminder.Kind.ACKNOWLEDGE in late))
    if concern.state in OPEN:
        found.append(_due("Response", concern.respond_by, Reminder.Kind.RESPOND in late))
        letter = late.get(Reminder.Kind.DELAY_LETTER)
        if letter is not None:
            text = f"No response yet: a letter explaining the delay was due {_day(letter.due_on)}."
            found.append(Due(text, True, True))
    return found


def _due(what: str, by: date, late: bool) -> Due:
    if late:
        return Due(f"{what} was due {_day(by)}: it is late.", True)
    return Due(f"{what} due by {_day(by)}", False)


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
