from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeplan.core.backups import BackupError, backup, describe


class Command(BaseCommand):
    help = (
        "Back up the whole database to PATH (PostgreSQL: pg_dump custom format; SQLite: the online backup API). "
        "Restore it with `safeplan restore PATH`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Where to write the backup; must not exist yet.")
        parser.add_argument("--database", default="default", help="Which database (default: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            what = describe(options["database"])
            backup(path, options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up {what} to {path} ({path.stat().st_size:,} bytes).")
