"""The daily job that reminds staff of training due (oversight/reminders.py), run by the worker; no arguments, so
nothing about anyone is stored in the queue; safe to run twice."""

from django.utils import timezone
from django_tasks import task

from safeplan.oversight.reminders import send_training_reminders
from safeplan.oversight.rollup import refresh_all


class RemindersNotSent(Exception):
    """Some reminders could not be sent; they are tried again at the next run. Counts only, no names."""


@task()
def remind_of_training() -> int:
    outcome = send_training_reminders(timezone.localdate())
    if outcome.failed:
        raise RemindersNotSent(f"Training reminders: {outcome}.")
    return outcome.sent


@task()
def work_out_measures() -> int:
    """Every organisation's measures for the last 12 months, kept for the measures page (oversight/rollup.py)."""
    return refresh_all(timezone.localdate())
