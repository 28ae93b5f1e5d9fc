"""Queue every capability's daily jobs (late concerns, reviews coming due, training due, …). Run it once a day from
cron or a systemd timer, e.g. `0 8 * * * safeplan daily_jobs`; the worker (`safeplan db_worker`) runs them. Each job
takes no arguments (nothing about anyone is stored in the queue) and is safe to run twice."""

from typing import Any

from django.core.management.base import BaseCommand

from safeplan.people.capabilities import daily_tasks


class Command(BaseCommand):
    help = "Queue the daily jobs of every capability for the job worker."

    def handle(self, *args: Any, **options: Any) -> None:
        for task in daily_tasks():
            result = task.enqueue()
            self.stdout.write(f"Queued {task.name} ({result.id}).")
        self.stdout.write("The job worker runs them.")
