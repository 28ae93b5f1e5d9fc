"""Writing to and checking the audit trail.

`record()` must run inside the transaction of the read or change it records, so that the row is durable with the
request or not at all. The append is serialised on the chain head (SELECT … FOR UPDATE on PostgreSQL; SQLite's
IMMEDIATE transactions already serialise writers), because a chain built by reading "the last row" forks under
PostgreSQL's default READ COMMITTED isolation. On PostgreSQL the lock, link, hash, insert and head move are one
round trip to the database's `safeplan_audit_append` (migration 0007), so the head is held for that statement and
the commit only; on SQLite they run here. Both write the same row and hash. Callers should record as late in their
transaction as they can, so the chain head is held for as short a time as possible.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from safeplan.audit.models import GENESIS_HASH, AuditEvent, ChainHead


class AuditOutsideTransaction(RuntimeError):
    pass


@dataclass(frozen=True)
class Actor:
    """Who is acting, as the audit trail records them."""

    user_id: int | None
    name: str
    role: str
    request_id: str = ""


def record(
    *,
    actor: Actor,
    action: str,
    object_type: str,
    purpose: str,
    object_id: object = "",
    object_version: object = "",
    person_id: UUID | None = None,
    reason: str = "",
) -> AuditEvent:
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction("An audit row must be written in the same transaction as what it records.")
    event = AuditEvent(
        at=timezone.now(),
        actor_id=actor.user_id,
        actor_name=actor.name,
        actor_role=actor.role,
        person_id=person_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_version=str(object_version),
        purpose=purpose,
        reason=reason,
        request_id=actor.request_id,
    )
    if connection.vendor == "postgresql":
        _append_in_the_database(event)
    else:
        _append_here(event)
    return event


_APPEND = (
    "SELECT new_id, new_seq, new_prev_hash, new_hash FROM safeplan_audit_append"
    "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)


def _append_in_the_database(event: AuditEvent) -> None:
    """PostgreSQL: one round trip, the head's lock taken and the row linked, hashed and inserted by the database's
    `safeplan_audit_append` (migration 0007), which hashes the same canonical form `compute_hash` checks."""
    before, after = event.canonical_around_link()
    with connection.cursor() as cursor:
        cursor.execute(
            _APPEND,
            [
                before,
                after,
                event.at,
                event.actor_id,
                event.actor_name,
                event.actor_role,
                event.person_id,
                event.action,
                event.object_type,
                event.object_id,
                event.object_version,
                event.purpose,
                event.reason,
                event.request_id,
            ],
        )
        event.pk, event.seq, event.prev_hash, event.hash = cursor.fetchone()
    event._state.adding = False  # noqa: SLF001 - the row exists: mark it saved, as save() would have
    event._state.db = connection.alias  # noqa: SLF001


def _append_here(event: AuditEvent) -> None:
    """SQLite (one writer at a time anyway): lock the head, link and hash the row here, insert it, move the head."""
    head = _locked_head()
    event.seq = head.last_seq + 1
    event.prev_hash = head.last_hash
    event.hash = event.compute_hash()
    event.save(force_insert=True)
    ChainHead.objects.filter(pk=1).update(last_seq=event.seq, last_hash=event.hash)


def _locked_head() -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        # Only an empty trail may start a new chain (a fresh database, or a test flush); otherwise the head
        # was removed, which verification reports, and appending would hide it.
        try:
            with transaction.atomic():
                ChainHead.objects.create(pk=1)
                if AuditEvent.objects.exists():
                    raise RuntimeError("The audit chain head is missing: run `safeplan verify_audit`.")
        except IntegrityError:
            pass  # another writer created it first: lock theirs
        head = ChainHead.objects.select_for_update().get(pk=1)
    return head


def record_now(**kwargs: Any) -> AuditEvent:
    """Record an event that stands alone (a denial, a login): its own short transaction."""
    with transaction.atomic():
        return record(**kwargs)


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    row_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"row #{self.seq} (id {self.row_id})" if self.seq is not None else "chain head"
        return f"{where}: {self.problem}"


def chain_problems(
    events: Iterator[AuditEvent], head: ChainHead, *, after_seq: int = 0, after_hash: str = GENESIS_HASH
) -> Iterator[ChainProblem]:
    """The breaks in `events` (rows after `after_seq`, in seq order), which must link on from `after_hash` and end
    at the chain head. Checking from a trusted checkpoint rather than the start checks only what was added since."""
    expected_seq = after_seq + 1
    prev_hash = after_hash
    for event in events:
        if event.seq != expected_seq:
            yield ChainProblem(event.seq, event.pk, f"expected row #{expected_seq} here: rows are missing or moved")
            return
        if event.prev_hash != prev_hash:
            yield ChainProblem(event.seq, event.pk, "does not link to the row before it")
            return
        if event.compute_hash() != event.hash:
            yield ChainProblem(event.seq, event.pk, "its content no longer matches its hash: it was edited")
            return
        prev_hash = event.hash
        expected_seq += 1
    if head.last_seq != expected_seq - 1:
        yield ChainProblem(
            None,
            None,
            f"names row #{head.last_seq} as the last, but the chain ends at "
            f"#{expected_seq - 1}: rows were removed from the end",
        )
    elif head.last_hash != prev_hash:
        yield ChainProblem(None, None, f"its hash for row #{head.last_seq} is not the chain's: the chain was rewritten")


def verify_chain() -> ChainProblem | None:
    """The first break in the audit chain, or None when every row is intact and in place."""
    with transaction.atomic():
        head = ChainHead.objects.get(pk=1)
        # Rows appended after the head was read belong to later transactions: check up to the head.
        events = AuditEvent.objects.filter(seq__lte=head.last_seq).order_by("seq").iterator(chunk_size=5000)
        return next(chain_problems(events, head), None)


def record_listing(
    request: HttpRequest, *, role: str, object_type: str, shown: int, purpose: str, note: str = ""
) -> AuditEvent:
    """Audit a page that lists people (a caseload, a review list): one row for the list, with how many it showed."""
    return record(
        actor=actor_for(request, role),
        action=AuditEvent.Action.LIST,
        object_type=object_type,
        object_id=f"{shown} shown{note}",
        purpose=purpose,
    )


def actor_for(request: HttpRequest, role: str) -> Actor:
    """The acting user of a request, with the role they act in."""
    user = request.user
    return Actor(
        user_id=user.pk if user.is_authenticated else None,
        name=str(user) if user.is_authenticated else "",
        role=role,
        request_id=getattr(request, "request_id", ""),
    )
