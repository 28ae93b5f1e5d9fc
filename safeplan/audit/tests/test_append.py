"""How a row is appended: on PostgreSQL in one round trip by the database's `safeplan_audit_append`, on SQLite here,
and either way the same canonical form and hash that verification checks (issue 16)."""

import hashlib
import json
import uuid
from datetime import UTC, datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from safeplan.audit import services as audit
from safeplan.audit.models import GENESIS_HASH, AuditEvent, ChainHead
from safeplan.audit.services import verify_chain
from safeplan.audit.tests.test_audit_trail import ACTOR, raw_sql, write_events

pytestmark = pytest.mark.django_db

AWKWARD = 'Quotes " and \\ backslashes, "prev_hash":"x", Cymraeg â ŵ ŷ, 😀, and a new\nline'


def canonical_as_first_written(event: AuditEvent) -> str:
    """The canonical form as ADR 0002 first wrote it: one JSON object, keys sorted, no spaces."""
    fields = {
        "seq": event.seq,
        "at": event.at.isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "actor_role": event.actor_role,
        "person_id": str(event.person_id) if event.person_id else None,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_version": event.object_version,
        "purpose": event.purpose,
        "reason": event.reason,
        "request_id": event.request_id,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"))


def test_the_canonical_form_in_pieces_is_the_one_first_written():
    event = AuditEvent(
        seq=1234,
        at=datetime(2026, 11, 25, 14, 0, 0, 123456, tzinfo=UTC),
        actor_id=None,
        actor_name=AWKWARD,
        actor_role="practitioner",
        person_id=uuid.uuid4(),
        action="read",
        object_type="person",
        object_id='"prev_hash":"',
        object_version="3",
        purpose="care",
        reason=AWKWARD,
        request_id="req-1",
        prev_hash="ab" * 32,
    )
    assert event.canonical() == canonical_as_first_written(event)
    assert event.compute_hash() == hashlib.sha256(canonical_as_first_written(event).encode()).hexdigest()


def test_rows_with_awkward_words_are_written_with_the_hash_verification_expects():
    person_id = uuid.uuid4()
    with transaction.atomic():
        first = audit.record(actor=ACTOR, action="read", object_type="person", purpose="care", person_id=person_id)
        second = audit.record(
            actor=audit.Actor(None, AWKWARD, "supporter", "req-2"),
            action="update",
            object_type="plan",
            object_id="p-1",
            object_version=7,
            purpose="shared",
            reason=AWKWARD,
        )
    stored = list(AuditEvent.objects.order_by("seq"))
    assert [row.pk for row in stored] == [first.pk, second.pk]
    assert stored[0].prev_hash == GENESIS_HASH and stored[1].prev_hash == stored[0].hash
    for row, returned in zip(stored, [first, second], strict=True):
        assert (row.seq, row.hash, row.prev_hash) == (returned.seq, returned.hash, returned.prev_hash)
        assert row.hash == hashlib.sha256(canonical_as_first_written(row).encode()).hexdigest()
    assert stored[1].reason == AWKWARD and stored[1].object_version == "7"
    head = ChainHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (stored[1].seq, stored[1].hash)
    assert verify_chain() is None


def test_on_postgresql_an_append_is_one_statement():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite appends in Python: its writers are serialised anyway")
    write_events(1)  # the head exists
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        audit.record(actor=ACTOR, action="read", object_type="person", purpose="care")
    statements = [q["sql"] for q in queries.captured_queries if q["sql"] not in ("BEGIN", "COMMIT")]
    assert len(statements) == 1 and "safeplan_audit_append" in statements[0]


def test_an_empty_trail_starts_its_chain_at_one():
    ChainHead.objects.all().delete()
    write_events(2)
    assert list(AuditEvent.objects.values_list("seq", "prev_hash")) == [
        (1, GENESIS_HASH),
        (2, AuditEvent.objects.get(seq=1).hash),
    ]
    assert verify_chain() is None


def test_a_trail_whose_head_was_removed_refuses_to_append_rather_than_hide_it():
    write_events(2)
    with transaction.atomic():
        raw_sql("DELETE FROM audit_chainhead")
    with pytest.raises((RuntimeError, DatabaseError), match="chain head is missing"):
        write_events(1)
    assert AuditEvent.objects.count() == 2
