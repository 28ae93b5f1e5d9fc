"""The daily job that tells team leads of people nobody has reached within 72 hours of a crisis contact or leaving
hospital (followup/reminders.py). No arguments, so nothing about anyone is stored in the queue; safe to run twice."""

from django.utils import timezone
from django_tasks import task

from safeplan.followup.reminders import send_overdue_reminders


class RemindersNotSent(Exception):
    """Some reminders could not be sent; they are tried again at the next run. Counts only, no names."""


@task()
def remind_of_follow_up() -> int:
    outcome = send_overdue_reminders(timezone.now())
    if outcome.failed:
        raise RemindersNotSent(f"Follow-up reminders: {outcome}.")
    return outcome.sent
