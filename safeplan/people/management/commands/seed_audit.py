"""A year of audit trail for a benchmark's data set: `safeplan seed_audit --rows 10000000` (after `safeplan seed`).

The rows are what the load-test organisation's practitioners would leave reading and changing the records of the
people they care for over the last year, in time order, each linked into the hash chain exactly as
`audit.services.record()` links it (so `safeplan verify_audit` passes), appended after whatever the trail already
holds. PostgreSQL only (rows go in with COPY); refused on a database whose trail holds anything but seeded rows and
the bench's own, so that it is never run against a real record by mistake.
"""

import random
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from safeplan.audit.models import GENESIS_HASH, AuditEvent, ChainHead
from safeplan.people.management.commands.seed import Progress
from safeplan.people.models import CareRelationship, Person, StaffRole

BATCH = 50_000
LOAD_TEST = "Load test organisation"  # what `safeplan seed` names its organisation
COLUMNS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "actor_role",
    "person_id",
    "action",
    "object_type",
    "object_id",
    "object_version",
    "purpose",
    "reason",
    "request_id",
    "prev_hash",
    "hash",
)
# What practitioners do, roughly as often as they do it: mostly reading a record or a plan.
DOINGS = [
    (AuditEvent.Action.READ, "person", 50),
    (AuditEvent.Action.READ, "safety_plan", 25),
    (AuditEvent.Action.READ, "safety_summary", 8),
    (AuditEvent.Action.UPDATE, "plan_entry", 6),
    (AuditEvent.Action.CREATE, "plan_entry", 5),
    (AuditEvent.Action.READ, "decision", 4),
    (AuditEvent.Action.LIST, "caseload", 2),
]


class Command(BaseCommand):
    help = "Append a year of synthetic audit rows, chained, for the load-test organisation's people (PostgreSQL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, required=True, help="How many audit rows to append.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for repeatable data sets.")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("seed_audit appends with COPY: run it against PostgreSQL (DATABASE_URL).")
        rows = options["rows"]
        if rows < 1:
            raise CommandError("Give --rows a number above 0.")
        if Person.objects.exclude(organisation__name__startswith=LOAD_TEST).exists():
            raise CommandError(
                "This database holds people outside the load-test organisation: seed_audit is for a bench."
            )
        pairs = list(
            CareRelationship.objects.filter(ended_on__isnull=True, person__organisation__name__startswith=LOAD_TEST)
            .values_list("team_id", "person_id")
            .order_by("pk")
        )
        staff: dict[int, list[tuple[int, str]]] = {}
        roles = StaffRole.objects.filter(team__isnull=False, user__username__startswith="load").select_related("user")
        for role in roles:
            if role.team_id is not None:
                staff.setdefault(role.team_id, []).append((role.user_id, str(role.user)))
        pairs = [(team, person) for team, person in pairs if team in staff]
        if not pairs:
            raise CommandError("No load-test people to audit: run `safeplan seed --people N` first.")
        self._append(rows, pairs, staff, random.Random(options["seed"]))  # noqa: S311 - synthetic data
        self.stdout.write(f"Appended {rows:,} audit rows for {len(pairs):,} people.")

    def _append(self, rows: int, pairs: list, staff: dict, rng: random.Random) -> None:
        weights = [weight for _action, _type, weight in DOINGS]
        progress = Progress(rows, "Auditing a year")
        with transaction.atomic():
            head = ChainHead.objects.select_for_update().filter(pk=1).first() or ChainHead.objects.create(pk=1)
            seq, last_hash = head.last_seq, head.last_hash or GENESIS_HASH
            now = timezone.now()
            start = now - timedelta(days=365)
            step = timedelta(days=365) / rows
            done = 0
            while done < rows:
                batch = min(BATCH, rows - done)
                with (
                    connection.cursor() as cursor,
                    cursor.copy(f"COPY audit_auditevent ({', '.join(COLUMNS)}) FROM STDIN") as copy,
                ):
                    for n in range(batch):
                        seq += 1
                        team, person = rng.choice(pairs)
                        actor_id, actor_name = rng.choice(staff[team])
                        action, object_type = rng.choices(DOINGS, weights)[0][:2]
                        event = AuditEvent(
                            seq=seq,
                            at=start + step * (done + n),
                            actor_id=actor_id,
                            actor_name=actor_name,
                            actor_role="practitioner",
                            person_id=UUID(str(person)),
                            action=action,
                            object_type=object_type,
                            object_id=str(person),
                            object_version="",
                            purpose=AuditEvent.Purpose.CARE,
                            reason="",
                            request_id=f"seed-{seq}",
                            prev_hash=last_hash,
                        )
                        event.hash = last_hash = event.compute_hash()
                        copy.write_row([getattr(event, column) for column in COLUMNS])
                done += batch
                progress.update(done)
            ChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=last_hash)
