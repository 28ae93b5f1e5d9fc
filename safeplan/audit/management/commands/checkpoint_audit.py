from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeplan.audit.checkpoints import CheckpointRefused, append_to_file, write_checkpoint


class Command(BaseCommand):
    help = (
        "Write a keyed (HMAC-SHA256, SAFEPLAN_AUDIT_KEY) checkpoint of the audit chain's head, after checking the rows "
        "since the last checkpoint. Run it from cron, e.g. every 5 minutes, with --export to storage outside the "
        "database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--export",
            type=Path,
            metavar="PATH",
            help="Also append the checkpoint as a JSON line to this file, on append-only storage outside the database.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checkpoint = write_checkpoint()
        except CheckpointRefused as refusal:
            raise CommandError(f"No checkpoint written: {refusal}. Run `safeplan verify_audit`.") from None
        export: Path | None = options["export"]
        if export is not None:
            try:
                append_to_file(checkpoint, export)
            except OSError as error:
                raise CommandError(
                    f"Checkpoint {checkpoint.pk} is in the database, but could not be exported to {export}: {error}"
                ) from None
        where = f" and appended to {export}" if export is not None else ""
        self.stdout.write(f"Checkpoint {checkpoint.pk} written{where}: the audit chain at row #{checkpoint.seq}.")
