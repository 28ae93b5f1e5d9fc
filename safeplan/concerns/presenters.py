"""What a case page says: the steps so far with their dates, what is due next, and plainly when a step is late.

Everything here is read on a page, in the reader's language: what is kept (a step's note, the response) stays as
written, and the words kept in English (a role, the ombudsman's name) are translated as they are shown."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_noop as N_

from safeplan.concerns.late import late_steps
from safeplan.concerns.models import DEFAULTS, Concern, Kind, Reminder, State, Step
from safeplan.concerns.queries import OPEN
from safeplan.core.dates import long_day


def _day(value: date) -> str:
    return long_day(value)


STEP_WORDS = {  # translated where shown
    State.RECEIVED: N_("Received"),
    State.ACKNOWLEDGED: N_("Acknowledged"),
    State.LOOKING_INTO: N_("Being looked into"),
    State.RESPONDED: N_("Response sent"),
    State.CLOSED: N_("Closed"),
    State.REFERRED: N_("Referred on"),
}
# Who raised a concern, as kept on it (`services.Raiser.words`), shown in the reader's language.
ROLES = (N_("the person"), N_("their advocate, on their behalf"), N_("their supporter"))


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
        return (_("Late"), "nhsuk-tag--red")
    colour = {State.CLOSED: "nhsuk-tag--grey", State.REFERRED: "nhsuk-tag--grey", State.RESPONDED: "nhsuk-tag--green"}
    return (translated(STEP_WORDS[State(concern.state)]), colour.get(State(concern.state), "nhsuk-tag--blue"))


def dues(concern: Concern, today: date | None = None) -> list[Due]:
    """What is due next and by when; a late step says so plainly (`concerns/late.py`'s rule). A compliment is
    thanked: the date it should be by is shown, and it is never late."""
    day = today or timezone.localdate()
    late = {step.kind: step for step in late_steps(concern, day)}
    found = []
    if concern.kind == Kind.COMPLIMENT:
        if concern.state == State.RECEIVED:
            text = _("We aim to say thank you by %(day)s.") % {"day": _day(concern.acknowledge_by)}
            found.append(Due(text, False))
        return found
    if concern.state == State.RECEIVED:
        by = {"day": _day(concern.acknowledge_by)}
        if Reminder.Kind.ACKNOWLEDGE in late:
            found.append(Due(_("Acknowledgement was due %(day)s: it is late.") % by, True))
        else:
            found.append(Due(_("Acknowledgement due by %(day)s") % by, False))
    if concern.state in OPEN:
        by = {"day": _day(concern.respond_by)}
        if Reminder.Kind.RESPOND in late:
            found.append(Due(_("Response was due %(day)s: it is late.") % by, True))
        else:
            found.append(Due(_("Response due by %(day)s") % by, False))
        letter = late.get(Reminder.Kind.DELAY_LETTER)
        if letter is not None:
            text = _("No response yet: a letter explaining the delay was due %(day)s.") % {"day": _day(letter.due_on)}
            found.append(Due(text, True, True))
    return found


def shown_role(role: str) -> str:
    """A role kept in English on a row ("practitioner", "the person") in the reader's language; a role someone typed
    (a relationship, "their mother") as written."""
    return translated(role) if role else role


def who(name: str, role: str) -> str:
    """ "Priya Natarajan (practitioner)", with the role in the reader's language."""
    return f"{name} ({shown_role(role)})"


def shown_ombudsman(kept: str) -> str:
    """Who to go to next, kept on a response in English ("the Parliamentary and Health Service Ombudsman, 0345 …"),
    with the ombudsman's name in the reader's language when it is one of the regulations' own."""
    for defaults in DEFAULTS.values():
        name = str(defaults["ombudsman_name"])
        if kept.startswith(f"{name}, "):
            return translated(name) + kept[len(name) :]
    return kept


def steps(concern: Concern, *, for_staff: bool) -> list[StepLine]:
    """The case history, oldest first. The raiser sees who handled each step by role; staff by name."""
    lines = []
    for step in Step.objects.filter(concern=concern).order_by("written_at", "pk"):
        what = translated(STEP_WORDS[State(step.state)])
        if step.delay_letter:
            what = _("A letter explaining the delay was sent")
        elif step.respond_by is not None:
            what = _("New date for the response agreed: %(day)s") % {"day": _day(step.respond_by)}
        by = who(step.written_by_name, step.written_by_role) if for_staff or step.state != State.RECEIVED else ""
        when = _day(timezone.localtime(step.written_at).date())
        lines.append(StepLine(when, what, by, _shown_note(step)))
    return lines


def _shown_note(step: Step) -> str:
    """A step's note as written; the words `services.take_on` writes itself in the reader's language."""
    if step.state == State.LOOKING_INTO and step.note == f"{step.written_by_name} is looking into it.":
        return _("%(name)s is looking into it.") % {"name": step.written_by_name}
    return step.note
