"""Delete every "all my data" ZIP past its 7 days (downloads refuse them even before), and queue again any build
whose worker stopped part-way. Run it from cron every 15 minutes."""

from typing import Any

from django.core.management.base import BaseCommand

from safeplan.exports.build import expire
from safeplan.exports.services import retry_stalled


class Command(BaseCommand):
    help = "Delete exports (all my data ZIPs) older than 7 days; queue again builds whose worker stopped."

    def handle(self, *args: Any, **options: Any) -> None:
        count = expire()
        self.stdout.write(f"Deleted {count} expired export{'s' if count != 1 else ''}.")
        again = retry_stalled()
        if again:
            self.stdout.write(f"Queued {again} stalled export{'s' if again != 1 else ''} again.")
