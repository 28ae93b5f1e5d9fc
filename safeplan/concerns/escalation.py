"""Escalation (issue 12, item 5): which steps of a case are late, the team lead's list of them, and the daily reminder.

A step is late once its date has passed: the acknowledgement (a case still received after `acknowledge_by`), the
response (a concern still open after `respond_by`, which moves when a new date is agreed) and the letter explaining
the delay (a concern still open six months after it was received). Each (case, step, missed date) is reminded once:
a later missed date of the same case (the response after the acknowledgement, or a new response date agreed and
missed again) is a new reminder.

**Once, and only when sent.** The reminder's row is created first, inside a transaction, and the e-mail is sent
before that transaction commits:
- the row's uniqueness (case, step, missed date) is the claim: a second run, or a second worker at the same time,
  finds it (or waits on it and then finds it) and sends nothing, so a run twice, or after a restart, sends no more;
- a failed send (the mail server or Notify down or refusing) rolls the row back, and the next day's run tries again.
  A committed row therefore always means the e-mail was handed over: the row is immutable, so a row written before
  a send that then failed could never be corrected, and the reminder would be lost for good (H32);
- the one window left is a crash after the mail server accepted and before the commit (milliseconds): the next run
  sends that reminder a second time. A duplicate nudge is the lesser harm than a late concern nobody is told about.
No personal data leaves in a reminder, its log lines or the queue: the e-mail carries a link and what is late, never
the person's name or what was said (`concerns/notify.py`).
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from safeplan.concerns import notify
from safeplan.concerns.models import Concern, Kind, Reminder, State
from safeplan.concerns.queries import OPEN
from safeplan.core.dates import add_months
from safeplan.people.access import team_roles
from safeplan.people.models import CareRelationship, StaffRole, User

logger = logging.getLogger(__name__)

DELAY_LETTER_MONTHS = 6  # the regulations' six months, as the case page says (presenters.dues)
SHORTEST_SIX_MONTHS = timedelta(days=181)  # six calendar months are 181 to 184 days: the query's safe bound

STEP_WORDS = {
    Reminder.Kind.ACKNOWLEDGE: "The acknowledgement",
    Reminder.Kind.RESPOND: "The response",
    Reminder.Kind.DELAY_LETTER: "A letter explaining why the response is taking more than six months",
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


def delay_letter_due(concern: Concern) -> date:
    return add_months(concern.received_on, DELAY_LETTER_MONTHS)


def late_steps(concern: Concern, day: date) -> list[LateStep]:
    """The steps of this case that are late on `day`, in the order they fell due."""
    found = []
    if concern.state == State.RECEIVED and day > concern.acknowledge_by:
        found.append(LateStep(Reminder.Kind.ACKNOWLEDGE, concern.acknowledge_by))
    if concern.kind == Kind.CONCERN and concern.state in OPEN:
        if day > concern.respond_by:
            found.append(LateStep(Reminder.Kind.RESPOND, concern.respond_by))
        letter = delay_letter_due(concern)
        if day >= letter and not concern.steps.filter(delay_letter=True).exists():
            found.append(LateStep(Reminder.Kind.DELAY_LETTER, letter))
    return sorted(found, key=lambda step: step.due_on)


def overdue(day: date) -> QuerySet[Concern]:
    """Every case that may have a late step on `day`: the cases `queries.late_cases` lists, and those open six months
    (a little wide at the month's edges; `late_steps` decides). One query, on indexed dates."""
    late_ack = Q(state=State.RECEIVED, acknowledge_by__lt=day)
    still_open = Q(kind=Kind.CONCERN, state__in=OPEN)
    late = late_ack | (still_open & (Q(respond_by__lt=day) | Q(received_on__lte=day - SHORTEST_SIX_MONTHS)))
    return Concern.objects.filter(late)


def led_teams(user: User) -> list[int]:
    """The teams this user leads; empty for practitioners, oversight, administrators, people and supporters."""
    return [team for team, role in team_roles(user).items() if role == StaffRole.Role.TEAM_LEAD]


def late_for_lead(user: User, day: date | None = None) -> list[tuple[Concern, list[LateStep]]]:
    """Cases about people cared for now by the teams this user leads with a late step, longest late first."""
    led = led_teams(user)
    if not led:
        return []
    day = day or timezone.localdate()
    caring = CareRelationship.objects.active().filter(person=OuterRef("person"), team_id__in=led)
    cases = overdue(day).filter(Exists(caring)).select_related("person", "handler").prefetch_related("reminders")
    rows = [(case, steps) for case in cases if (steps := late_steps(case, day))]
    rows.sort(key=lambda row: (row[1][0].due_on, row[0].received_on, str(row[0].pk)))
    return rows


def recipients(concern: Concern, at: datetime | None = None) -> list[str]:
    """Who is reminded: the team leads of every team caring for the person now, and whoever is handling the case
    while they are in one of those teams (so everyone reminded can open the case). Active accounts with an e-mail
    address; each address once."""
    caring = CareRelationship.objects.active(at).filter(person_id=concern.person_id).values("team_id")
    wanted = Q(role=StaffRole.Role.TEAM_LEAD)
    if concern.handler_id is not None:
        wanted |= Q(user_id=concern.handler_id)
    roles = StaffRole.objects.filter(wanted, team_id__in=caring, role__in=StaffRole.TEAM_ROLES)
    emails = User.objects.filter(is_active=True, pk__in=roles.values("user_id")).exclude(email="")
    unique = {email.strip().lower(): email.strip() for email in emails.values_list("email", flat=True)}
    return sorted(address for address in unique.values() if address)


def case_link(concern: Concern) -> str:
    path = reverse("concern", kwargs={"person_id": concern.person_id, "concern_id": concern.pk})
    return settings.SITE_URL + path


@dataclass
class Outcome:
    """What a run did, in counts only (never who or about whom)."""

    sent: int = 0
    already_sent: int = 0
    nobody_to_tell: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return (
            f"{self.sent} sent, {self.already_sent} already sent, {self.nobody_to_tell} with nobody to remind, "
            f"{self.failed} not sent (tried again at the next run)"
        )


def send_reminders(now: datetime | None = None) -> Outcome:
    """Remind the care team of every late step not reminded before. Safe to run twice, or again after a crash."""
    moment = now or timezone.now()
    day = timezone.localdate(moment)
    outcome = Outcome()
    cases = list(overdue(day).order_by("received_on", "pk"))
    done = set(
        Reminder.objects.filter(concern__in=[case.pk for case in cases]).values_list("concern_id", "kind", "due_on")
    )
    for case in cases:
        for step in late_steps(case, day):
            if (case.pk, step.kind, step.due_on) in done:
                outcome.already_sent += 1
                continue
            _remind(case, step, moment, outcome)
    logger.info("Concern reminders: %s.", outcome)
    return outcome


def _remind(case: Concern, step: LateStep, moment: datetime, outcome: Outcome) -> None:
    to = recipients(case, moment)
    if not to:
        outcome.nobody_to_tell += 1
        logger.warning("A late step of concern %s has nobody with an e-mail address to remind.", case.pk)
        return
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        concern=case,
                        kind=step.kind,
                        due_on=step.due_on,
                        sent_at=timezone.now(),
                        sent_to=len(to),
                        channel=notify.channel(),
                    )
            except IntegrityError:  # another run claimed it (and sent it) first
                outcome.already_sent += 1
                return
            message = notify.Message(case_link(case), f"{step.words}.", f"concern-reminder-{reminder.pk}")
            notify.send(to, message)  # before the commit: a failure rolls the row back (see the module's docstring)
    except notify.DeliveryFailed as error:
        outcome.failed += 1
        logger.warning("A reminder for concern %s was not sent: %s", case.pk, error)
        return
    outcome.sent += 1
