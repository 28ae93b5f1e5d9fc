"""Escalation (issue 12, item 5): the team lead's list of late cases, oversight's list of late cases about people no
team cares for now, and the daily reminder. What is late is `concerns/late.py`'s one rule. Each (case, step, missed
date) is reminded once to each recipient: a later missed date of the same case (the response after the
acknowledgement, or a new response date agreed and missed again) is a new reminder.

**Once, and only when sent.** For each recipient, the reminder's row is created first, inside a transaction, and
the e-mail is sent before that transaction commits:
- the row's uniqueness (case, step, missed date, recipient) is the claim: a second run, or a second worker at the
  same time, finds it (or waits on it and then finds it) and sends nothing, so a run twice, or after a restart, sends
  no more;
- a failed send (the mail server or Notify down or refusing) rolls that recipient's row back, and the next day's run
  tries again for them only (those already told are not told twice).
  A committed row therefore always means the e-mail was handed over: the row is immutable, so a row written before
  a send that then failed could never be corrected, and the reminder would be lost for good (H32);
- the one window left is a crash after the mail server accepted and before the commit (milliseconds): the next run
  sends that reminder a second time. A duplicate nudge is the lesser harm than a late concern nobody is told about.
No personal data leaves in a reminder, its log lines or the queue: the e-mail carries a link and what is late, never
the person's name or what was said (`concerns/notify.py`).
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from safeplan.concerns import notify
from safeplan.concerns.late import LateStep, late_cases, late_steps
from safeplan.concerns.models import Concern, Reminder
from safeplan.people.access import staff_roles, team_roles
from safeplan.people.models import CareRelationship, StaffRole, User

logger = logging.getLogger(__name__)

NOBODY_CARES = "No team lead caring for them can be told: find a team to take it on."


def led_teams(user: User) -> list[int]:
    """The teams this user leads; empty for practitioners, oversight, administrators, people and supporters."""
    return [team for team, role in team_roles(user).items() if role == StaffRole.Role.TEAM_LEAD]


def late_for_lead(user: User, day: date | None = None) -> list[tuple[Concern, list[LateStep]]]:
    """Cases about people cared for now by the teams this user leads with a late step, longest late first."""
    led = led_teams(user)
    if not led:
        return []
    caring = CareRelationship.objects.active().filter(person=OuterRef("person"), team_id__in=led)
    return _late(Exists(caring), day)


def overseen(user: User) -> list[int]:
    """The organisations whose concerns this user oversees (the oversight role)."""
    return [role.organisation_id for role in staff_roles(user) if role.role == StaffRole.Role.OVERSIGHT]


def late_with_nobody_caring(user: User, day: date | None = None) -> list[tuple[Concern, list[LateStep]]]:
    """For oversight: late cases about people of their organisation whom no team with a lead cares for now (no team
    lead would see them on this page)."""
    organisations = overseen(user)
    if not organisations:
        return []
    leads = StaffRole.objects.filter(team=OuterRef("team"), role=StaffRole.Role.TEAM_LEAD)
    led_caring = CareRelationship.objects.active().filter(person=OuterRef("person")).filter(Exists(leads))
    nobody = Q(person__organisation_id__in=organisations) & ~Q(Exists(led_caring))
    return _late(nobody, day)


def _late(which: Q | Exists, day: date | None) -> list[tuple[Concern, list[LateStep]]]:
    day = day or timezone.localdate()
    cases = late_cases(day).filter(which).select_related("person", "handler").prefetch_related("reminders")
    rows = [(case, steps) for case in cases if (steps := late_steps(case, day))]
    rows.sort(key=lambda row: (row[1][0].due_on, row[0].received_on, str(row[0].pk)))
    return rows


def recipients(concern: Concern, at: datetime | None = None) -> list[User]:
    """Who is reminded: the team leads of every team caring for the person now, and whoever is handling the case
    while they are in one of those teams (so everyone reminded can open the case); when none of them can be e-mailed
    (no team cares for the person now, or its leads have no address), the organisation's oversight staff. Active
    accounts with an e-mail address; each address once."""
    caring = CareRelationship.objects.active(at).filter(person_id=concern.person_id).values("team_id")
    wanted = Q(role=StaffRole.Role.TEAM_LEAD)
    if concern.handler_id is not None:
        wanted |= Q(user_id=concern.handler_id)
    found = _reachable(StaffRole.objects.filter(wanted, team_id__in=caring, role__in=StaffRole.TEAM_ROLES))
    if found:
        return found
    oversight = StaffRole.objects.filter(role=StaffRole.Role.OVERSIGHT, organisation_id=concern.person.organisation_id)
    return _reachable(oversight)


def _reachable(roles: QuerySet[StaffRole]) -> list[User]:
    users = User.objects.filter(is_active=True, pk__in=roles.values("user_id")).exclude(email="").order_by("pk")
    unique: dict[str, User] = {}
    for user in users:
        unique.setdefault(user.email.strip().lower(), user)
    return [user for address, user in sorted(unique.items()) if address]


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
    """Remind the care team of every late step not reminded before. Safe to run twice, or again after a crash; a
    step reminded to some recipients before a send failed is sent later to the others only."""
    moment = now or timezone.now()
    day = timezone.localdate(moment)
    outcome = Outcome()
    cases = list(late_cases(day).select_related("person").order_by("received_on", "pk"))
    done = set(
        Reminder.objects.filter(concern__in=[case.pk for case in cases]).values_list(
            "concern_id", "kind", "due_on", "recipient_id"
        )
    )
    for case in cases:
        for step in late_steps(case, day):
            if (case.pk, step.kind, step.due_on, None) in done:  # reminded before recipients were kept: everyone
                outcome.already_sent += 1
                continue
            to = recipients(case, moment)
            if not to:
                outcome.nobody_to_tell += 1
                logger.warning("A late step of concern %s has nobody with an e-mail address to remind.", case.pk)
                continue
            pending = [user for user in to if (case.pk, step.kind, step.due_on, user.pk) not in done]
            if not pending:
                outcome.already_sent += 1
                continue
            results = [_remind(case, step, user, moment) for user in pending]
            if all(results):
                outcome.sent += 1
            else:
                outcome.failed += 1
    logger.info("Concern reminders: %s.", outcome)
    return outcome


def _message(case: Concern, step: LateStep, recipient: User, reference: str, at: datetime) -> notify.Message:
    """A team's lead or the handler gets the case's link; oversight (nobody cares for the person) the late page's."""
    teams = list(team_roles(recipient))
    if CareRelationship.objects.active(at).filter(person_id=case.person_id, team_id__in=teams).exists():
        return notify.Message(case_link(case), f"{step.words}.", reference)
    return notify.Message(settings.SITE_URL + reverse("late_concerns"), f"{step.words}. {NOBODY_CARES}", reference)


def _remind(case: Concern, step: LateStep, recipient: User, moment: datetime) -> bool:
    """One reminder to one recipient: claimed, sent and committed together (see the module's docstring)."""
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        concern=case,
                        kind=step.kind,
                        due_on=step.due_on,
                        recipient=recipient,
                        sent_at=timezone.now(),
                        sent_to=1,
                        channel=notify.channel(),
                    )
            except IntegrityError:  # another run claimed it (and sent it) first
                return True
            message = _message(case, step, recipient, f"concern-reminder-{reminder.pk}", moment)
            notify.send([recipient.email.strip()], message)  # before the commit: a failure rolls the row back
    except notify.DeliveryFailed as error:
        logger.warning("A reminder for concern %s was not sent: %s", case.pk, error)
        return False
    return True
