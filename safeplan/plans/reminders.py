"""Reminders of plan reviews coming due: two weeks before an agreed plan's review date, each practitioner and team
lead of the teams caring for the person is told once, by e-mail (or GOV.UK Notify), that a review is due on that day
for someone their team cares for. Never who: the link is the caseload, which shows "Review due" after signing in."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse

from safeplan.core.notify import due_reminder
from safeplan.core.reminders import Due, Outcome, send_once
from safeplan.people.models import CareRelationship, StaffRole
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
    people = {person for _, _, person in versions}
    teams: dict[object, set[int]] = defaultdict(set)
    for person, team in (
        CareRelationship.objects.active().filter(person_id__in=people).values_list("person_id", "team_id")
    ):
        teams[person].add(team)
    members: dict[int, dict[int, str]] = defaultdict(dict)
    roles = StaffRole.objects.filter(
        team_id__in={t for found in teams.values() for t in found},
        role__in=[StaffRole.Role.PRACTITIONER, StaffRole.Role.TEAM_LEAD],
        user__is_active=True,
    ).exclude(user__email="")
    for team, user, address in roles.values_list("team_id", "user_id", "user__email"):
        members[team][user] = address
    link = settings.SITE_URL + reverse("caseload")
    due = []
    for version, review_due, person in versions:
        words = f"A plan review is due on {review_due:%-d %B %Y} for someone your team cares for."
        reminder = due_reminder(
            "plans/email/review_due", "A plan review is coming up", words, link, f"review-{version}"
        )
        recipients = {user: address for team in teams[person] for user, address in members[team].items()}
        due += [Due(KIND, str(version), user, address, reminder) for user, address in sorted(recipients.items())]
    return due


def send_review_reminders(today: date) -> Outcome:
    return send_once(due_reviews(today))
