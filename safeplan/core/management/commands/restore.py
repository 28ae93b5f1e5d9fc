from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeplan.core.backups import BackupError, describe, restore


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `safeplan backup`. In production it runs only with --yes. "
        "Afterwards run `safeplan migrate` (if the backup is older than the code) and `safeplan verify_audit`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup to restore.")
        parser.add_argument("--database", default="default", help="Which database (default: default).")
        parser.add_argument(
            "--yes", action="store_true", help="Confirm replacing the database (required in production)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            what = describe(options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        warning = (
            f"Restoring {path} replaces every table of {what}: everything written since that backup, "
            "audit rows included, is lost."
        )
        if settings.PRODUCTION and not options["yes"]:
            raise CommandError(f"{warning} This is production: run again with --yes to go ahead.")
        self.stdout.write(warning)
        try:
            restore(path, options["database"])
        except BackupError as error:
            raise CommandError(f"Nothing was restored: {error}") from None
        self.stdout.write(
            f"Restored {what} from {path}. Now run `safeplan migrate` if the backup is older than this code, and "
            "`safeplan verify_audit --checkpoints <exported file>`: checkpoints taken after the backup will report "
            "the audit rows it lost, which is expected and should be recorded."
        )
