"""Queue the daily job that reminds care teams of late concerns. Run it once a day from cron or a systemd timer,
e.g. `0 8 * * * safeplan concern_reminders`; the worker (`safeplan db_worker`) sends the reminders."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeplan.concerns.escalation import send_reminders
from safeplan.concerns.tasks import send_concern_reminders


class Command(BaseCommand):
    help = "Queue the daily reminders of late concerns for the job worker (or send them here with --now)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Send the reminders from this process instead of queueing the job."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            outcome = send_reminders()
            if outcome.failed:
                raise CommandError(f"Concern reminders: {outcome}.")
            self.stdout.write(f"Concern reminders: {outcome}.")
            return
        result = send_concern_reminders.enqueue()
        self.stdout.write(f"Queued the concern reminders job ({result.id}); the job worker sends them.")
