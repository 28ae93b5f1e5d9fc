"""Keyed checkpoints of the audit chain: what an unkeyed hash chain cannot show on its own.

Someone who can write the audit table and recompute every later hash could rewrite or shorten history so that
`verify_chain` still passes. A checkpoint is the chain head (its last row's seq and hash) and the time, signed with
HMAC-SHA256 under a key (`SAFEPLAN_AUDIT_KEY`, `settings.AUDIT_KEY`) that is never stored in the database.
`safeplan checkpoint_audit` writes one every few minutes into an append-only table and, with `--export PATH`, appends
it as a JSON line to a file that should live on append-only storage outside the database. `safeplan verify_audit`
then checks that every checkpoint's HMAC verifies, that the row at its seq still has the hash it recorded, and that
the chain reaches the latest checkpoint. Rows edited, deleted, cut from the end (with the chain head moved back to
match) or rewritten with recomputed hashes then no longer agree with a checkpoint. Rows written after the latest
checkpoint are protected only by the unkeyed chain until the next one. See docs/adr/0002-audit-trail.md.
"""

import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safeplan.audit.models import GENESIS_HASH, AuditCheckpoint, AuditEvent, ChainHead
from safeplan.audit.services import chain_problems

FORMAT = "safeplan-audit-checkpoint-v1"
_LOOKUP_BATCH = 1000


class CheckpointRefused(RuntimeError):
    """The chain does not continue intact from the latest checkpoint, so it must not be signed."""


class CheckpointFileError(ValueError):
    """A line of an exported checkpoint file cannot be read as a checkpoint."""


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def sign(*, seq: int, last_hash: str, at: datetime, key: str) -> str:
    """HMAC-SHA256 (hex) of a checkpoint's seq, hash and time."""
    message = "\n".join([FORMAT, str(seq), last_hash, _iso(at)]).encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Checkpoint:
    """A checkpoint as read from the table or an exported file; `source` says which, for messages."""

    seq: int
    last_hash: str
    at: datetime
    mac: str
    source: str

    @classmethod
    def from_row(cls, row: AuditCheckpoint) -> "Checkpoint":
        return cls(row.seq, row.last_hash, row.at, row.mac, f"checkpoint {row.pk} in the database")

    def verifies(self, key: str) -> bool:
        expected = sign(seq=self.seq, last_hash=self.last_hash, at=self.at, key=key)
        return hmac.compare_digest(expected, self.mac)


@dataclass(frozen=True)
class CheckpointProblem:
    checkpoint: Checkpoint
    problem: str

    @property
    def seq(self) -> int:
        return self.checkpoint.seq

    def __str__(self) -> str:
        return f"{self.checkpoint.source} (row #{self.seq}, taken {_iso(self.checkpoint.at)}): {self.problem}"


def write_checkpoint() -> AuditCheckpoint:
    """Sign the chain head, after checking that the rows since the latest checkpoint continue intact from it."""
    key = settings.AUDIT_KEY
    with transaction.atomic():
        head = ChainHead.objects.filter(pk=1).first()
        if head is None:
            if AuditEvent.objects.exists():
                raise CheckpointRefused("the audit chain head is missing")
            head = ChainHead(last_seq=0, last_hash=GENESIS_HASH)
        after_seq, after_hash = 0, GENESIS_HASH
        latest_row = AuditCheckpoint.objects.order_by("-seq", "-id").first()
        if latest_row is not None:
            latest = Checkpoint.from_row(latest_row)
            if not latest.verifies(key):
                raise CheckpointRefused(f"{latest.source}: its HMAC does not verify (forged, or another key)")
            if head.last_seq < latest.seq:
                raise CheckpointRefused(
                    f"the chain head is at row #{head.last_seq}, behind {latest.source} at row #{latest.seq}: "
                    "rows were cut from the end"
                )
            after_seq, after_hash = latest.seq, latest.last_hash
        events = AuditEvent.objects.filter(seq__gt=after_seq, seq__lte=head.last_seq).order_by("seq")
        problem = next(
            chain_problems(events.iterator(chunk_size=5000), head, after_seq=after_seq, after_hash=after_hash), None
        )
        if problem is not None:
            raise CheckpointRefused(f"the chain does not continue intact from row #{after_seq}: {problem}")
        at = timezone.now()
        checkpoint = AuditCheckpoint(
            seq=head.last_seq,
            last_hash=head.last_hash,
            at=at,
            mac=sign(seq=head.last_seq, last_hash=head.last_hash, at=at, key=key),
        )
        checkpoint.save(force_insert=True)
    return checkpoint


def export_line(checkpoint: AuditCheckpoint) -> str:
    fields = {
        "format": FORMAT,
        "seq": checkpoint.seq,
        "hash": checkpoint.last_hash,
        "at": _iso(checkpoint.at),
        "mac": checkpoint.mac,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"))


def append_to_file(checkpoint: AuditCheckpoint, path: Path) -> None:
    """Append one JSON line and flush it to disk. The file belongs on append-only storage outside the database."""
    with path.open("a", encoding="utf-8") as file:
        file.write(export_line(checkpoint) + "\n")
        file.flush()
        os.fsync(file.fileno())


def read_checkpoint_file(path: Path) -> list[Checkpoint]:
    checkpoints = []
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            source = f"line {number} of {path}"
            try:
                fields = json.loads(line)
                at = datetime.fromisoformat(fields["at"])
                if fields["format"] != FORMAT or at.tzinfo is None:
                    raise ValueError("unknown format or a time without its zone")
                checkpoints.append(Checkpoint(int(fields["seq"]), str(fields["hash"]), at, str(fields["mac"]), source))
            except (ValueError, KeyError, TypeError) as error:
                raise CheckpointFileError(f"{source} is not a checkpoint ({error})") from None
    return checkpoints


def stored_checkpoints() -> list[Checkpoint]:
    return [Checkpoint.from_row(row) for row in AuditCheckpoint.objects.order_by("seq", "id").iterator()]


def _hashes_at(seqs: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(seqs))
    hashes: dict[int, str] = {}
    for start in range(0, len(wanted), _LOOKUP_BATCH):
        batch = wanted[start : start + _LOOKUP_BATCH]
        hashes.update(AuditEvent.objects.filter(seq__in=batch).values_list("seq", "hash"))
    return hashes


def checkpoint_problems(checkpoints: Sequence[Checkpoint]) -> list[CheckpointProblem]:
    """Every checkpoint the chain no longer agrees with, and every checkpoint that is not genuine.

    Read the checkpoints before calling this: the chain head is read here, after them, so a checkpoint written
    meanwhile cannot look ahead of it."""
    key = settings.AUDIT_KEY
    problems: list[CheckpointProblem] = []
    genuine = []
    for checkpoint in checkpoints:
        if checkpoint.verifies(key):
            genuine.append(checkpoint)
        else:
            problems.append(
                CheckpointProblem(
                    checkpoint, "its HMAC does not verify: it was forged or altered, or made with another key"
                )
            )
    head = ChainHead.objects.filter(pk=1).first()
    head_seq = head.last_seq if head is not None else 0
    hashes = _hashes_at(c.seq for c in genuine if 0 < c.seq <= head_seq)
    for checkpoint in genuine:
        if checkpoint.seq > head_seq:
            problem = (
                f"the chain now ends at row #{head_seq}, before the row this checkpoint saw: rows were cut from the end"
            )
        elif checkpoint.seq == 0:
            problem = "" if checkpoint.last_hash == GENESIS_HASH else "names an empty chain with a hash it cannot have"
        elif checkpoint.seq not in hashes:
            problem = f"row #{checkpoint.seq} is missing: it was deleted"
        elif hashes[checkpoint.seq] != checkpoint.last_hash:
            problem = (
                f"row #{checkpoint.seq} no longer has the hash this checkpoint recorded: "
                "the chain was rewritten up to this row"
            )
        else:
            continue
        if problem:
            problems.append(CheckpointProblem(checkpoint, problem))
    return sorted(problems, key=lambda p: p.seq)
