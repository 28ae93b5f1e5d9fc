"""The daily job that reminds care teams of plan reviews coming due (plans/reminders.py), run by the worker. It
takes no arguments, so nothing about anyone is stored in the queue; it is safe to run twice."""

from django.utils import timezone
from django_tasks import task

from safeplan.plans.reminders import send_review_reminders


class RemindersNotSent(Exception):
    """Some reminders could not be sent; they are tried again at the next run. Counts only, no names."""


@task()
def remind_of_reviews() -> int:
    outcome = send_review_reminders(timezone.localdate())
    if outcome.failed:
        raise RemindersNotSent(f"Review reminders: {outcome}.")
    return outcome.sent
