"""The daily job that reminds care teams of late concerns, run by the worker (`safeplan db_worker`, django-tasks'
database backend). django-tasks has no scheduler: `safeplan concern_reminders` queues it, run daily from cron or a
systemd timer in production (README, "Scheduled"); `make demo` queues it once at start.

The job takes no arguments, so nothing about anyone is stored in the queue's table; it works out what is late when it
runs, and is safe to run twice or again after a restart (concerns/escalation.py).
"""

from django_tasks import task

from safeplan.concerns.escalation import send_reminders


class RemindersNotSent(Exception):
    """Some reminders could not be sent; they are tried again at the next run. Counts only, no names."""


@task()
def send_concern_reminders() -> int:
    """E-mail a reminder of each late step not reminded before. Returns how many were sent; fails (so the queue shows
    it) when any could not be sent, after trying every one."""
    outcome = send_reminders()
    if outcome.failed:
        raise RemindersNotSent(f"Concern reminders: {outcome}.")
    return outcome.sent
