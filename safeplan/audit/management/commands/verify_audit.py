from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeplan.audit.checkpoints import (
    CheckpointFileError,
    checkpoint_problems,
    read_checkpoint_file,
    stored_checkpoints,
)
from safeplan.audit.models import AuditEvent
from safeplan.audit.services import verify_chain

MOST_SHOWN = 10


class Command(BaseCommand):
    help = (
        "Check the audit trail's hash chain and name the first broken row; check it against every keyed checkpoint "
        "in the database and, with --checkpoints, in an exported file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoints",
            type=Path,
            metavar="PATH",
            help="Also check against the checkpoints exported to this file by `checkpoint_audit --export`.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path | None = options["checkpoints"]
        # Checkpoints first, the chain after: a checkpoint written meanwhile is then never ahead of the head read.
        try:
            exported = read_checkpoint_file(path) if path is not None else []
        except (CheckpointFileError, OSError) as error:
            raise CommandError(f"Cannot read the checkpoint file: {error}") from None
        checkpoints = stored_checkpoints() + exported
        chain_problem = verify_chain()
        problems = [str(chain_problem)] if chain_problem is not None else []
        problems += [str(problem) for problem in checkpoint_problems(checkpoints)]
        if problems:
            more = len(problems) - MOST_SHOWN
            lines = [f"- {problem}" for problem in problems[:MOST_SHOWN]]
            if more > 0:
                lines.append(f"- and {more} more")
            raise CommandError("The audit trail has been tampered with or damaged:\n" + "\n".join(lines))
        rows = AuditEvent.objects.count()
        if checkpoints:
            latest = max(checkpoints, key=lambda c: c.seq)
            against = (
                f"and it agrees with {len(checkpoints)} keyed checkpoint{'s' if len(checkpoints) > 1 else ''} "
                f"(the latest at row #{latest.seq}, "
                f"taken {latest.at:%Y-%m-%d %H:%M:%S %Z})"
            )
        else:
            against = "but there are no checkpoints yet: schedule `safeplan checkpoint_audit`"
        self.stdout.write(f"The audit trail is intact: {rows} rows checked, {against}.")
