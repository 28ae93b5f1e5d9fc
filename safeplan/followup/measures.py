"""What follow-up counts for oversight: people reached within 72 hours of a crisis contact or leaving hospital."""

from django.db.models import Q
from django.utils import timezone

from safeplan.followup.models import CrisisEvent
from safeplan.followup.queries import reached_in_time
from safeplan.people.measures import Counts, Measure, Month, during, monthly_counts
from safeplan.people.models import Organisation


def _within_72_hours(organisation: Organisation, months: list[Month]) -> Counts:
    now = timezone.now()
    return monthly_counts(
        CrisisEvent.objects.filter(in_error__isnull=True),
        person="person",
        organisation=organisation,
        months=months,
        # Counted once the 72 hours are up, reached or not (so a month is not flattered by early calls).
        counted=lambda first, last: during("happened_at", first, last) & Q(follow_up_by__lt=now),
        met=lambda first, last: Q(reached_in_time()),
    )


MEASURES = [
    Measure(
        "follow_up_72_hours",
        70,
        "Follow-up within 72 hours",
        "Of those, the person was spoken with (a call, a visit, a video call, a reply) within 72 hours",
        "Crisis contacts and discharges from hospital in the month whose 72 hours have passed",
        "Each month, by the month it happened",
        _within_72_hours,
        why="The days after a crisis or leaving hospital are when people are most at risk. A message left is not "
        "contact.",
    )
]
