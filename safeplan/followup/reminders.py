"""When 72 hours have passed after a crisis contact or leaving hospital and nobody has spoken with the person, the
leads of the teams caring for them are told once, by e-mail (or GOV.UK Notify), that someone their team cares for
has not been reached. Never who: the link is the caseload, where they are flagged "Nobody reached yet"."""

from datetime import datetime

from django.conf import settings
from django.urls import reverse

from safeplan.core.notify import due_reminder
from safeplan.core.reminders import Due, Outcome, send_once
from safeplan.followup.models import CrisisEvent
from safeplan.followup.queries import reached
from safeplan.people.access import caring_staff_addresses
from safeplan.people.models import StaffRole

KIND = "follow_up_overdue"


def overdue(now: datetime) -> list[Due]:
    """Each event past its 72 hours with nobody reached (and not recorded in error), for each lead of a caring team
    (three queries, however many)."""
    events = list(
        CrisisEvent.objects.filter(follow_up_by__lt=now, in_error__isnull=True)
        .exclude(reached())
        .values_list("pk", "person_id")
    )
    addresses = caring_staff_addresses({person for _, person in events}, [StaffRole.Role.TEAM_LEAD])
    link = settings.SITE_URL + reverse("caseload")
    words = (
        "Nobody has spoken with someone your team cares for in the 72 hours since a crisis contact or leaving hospital."
    )
    due = []
    for event, person in events:
        reminder = due_reminder(
            "followup/email/overdue", "Nobody reached after a crisis", words, link, f"follow-{event}"
        )
        recipients = addresses.get(person, {})
        due += [Due(KIND, str(event), user, address, reminder) for user, address in sorted(recipients.items())]
    return due


def send_overdue_reminders(now: datetime) -> Outcome:
    return send_once(overdue(now))
