"""Reminders of plan reviews coming due: two weeks before an agreed plan's review date, each practitioner and team
lead of the teams caring for the person is told once, by e-mail (or GOV.UK Notify), that a review is due on that day
for someone their team cares for. Never who: the link is the caseload, which shows "Review due" after signing in."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse

from safeplan.core.notify import due_reminder
from safeplan.core.reminders import Due, Outcome, send_once
from safeplan.people.access import caring_staff_addresses
from safeplan.people.models import StaffRole
from safeplan.plans.models import PlanVersion

AHEAD = timedelta(days=14)
KIND = "review_due"


def due_reviews(today: date) -> list[Due]:
    """Each latest agreed version whose review falls in the next two weeks, for each member of a caring team (three
    queries, however many plans)."""
    newer = PlanVersion.objects.filter(plan=OuterRef("plan"), number__gt=OuterRef("number"), agreed_at__isnull=False)
    versions = list(
        PlanVersion.objects.filter(agreed_at__isnull=False, review_due__gte=today, review_due__lte=today + AHEAD)
        .exclude(Exists(newer))
        .values_list("pk", "review_due", "plan__person_id")
    )
    addresses = caring_staff_addresses(
        {person for _, _, person in versions}, [StaffRole.Role.PRACTITIONER, StaffRole.Role.TEAM_LEAD]
    )
    link = settings.SITE_URL + reverse("caseload")
    due = []
    for version, review_due, person in versions:
        words = f"A plan review is due on {review_due:%-d %B %Y} for someone your team cares for."
        reminder = due_reminder(
            "plans/email/review_due", "A plan review is coming up", words, link, f"review-{version}"
        )
        recipients = addresses.get(person, {})
        due += [Due(KIND, str(version), user, address, reminder) for user, address in sorted(recipients.items())]
    return due


def send_review_reminders(today: date) -> Outcome:
    return send_once(due_reviews(today))
