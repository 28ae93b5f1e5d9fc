from typing import Any

from django.core.management.base import BaseCommand

from safeplan.people.services import close_expired_break_glass


class Command(BaseCommand):
    help = "Record the end of every emergency access whose time limit has passed (run every few minutes)."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = close_expired_break_glass()
        self.stdout.write(f"Closed {closed} emergency access grant(s) that had run out.")
