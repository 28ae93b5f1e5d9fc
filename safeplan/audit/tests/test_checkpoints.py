"""Keyed checkpoints catch what the unkeyed chain cannot: a chain cut short or rewritten with recomputed hashes by
someone with database access but without SAFEPLAN_AUDIT_KEY. Tampering is done with raw SQL, past Python and (through
the owner's purge path) past PostgreSQL's trigger, as in test_audit_trail.py."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from safeplan.audit.checkpoints import checkpoint_problems, sign, stored_checkpoints
from safeplan.audit.models import GENESIS_HASH, AppendOnlyError, AuditCheckpoint, AuditEvent, ChainHead
from safeplan.audit.services import verify_chain
from safeplan.audit.tests.test_audit_trail import raw_sql, write_events

pytestmark = [pytest.mark.django_db, pytest.mark.owner]  # tampers with the trail as its owner could


def verify(*args: str) -> str:
    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def checkpoint(*args: str) -> None:
    call_command("checkpoint_audit", *args, stdout=StringIO())


def rewrite_chain_from(seq: int) -> None:
    """Change one row, then recompute every hash from it on and move the chain head to match."""
    prev = GENESIS_HASH
    for event in AuditEvent.objects.order_by("seq"):
        if event.seq == seq:
            event.reason = "covered up"
        event.prev_hash = prev
        event.hash = event.compute_hash()
        raw_sql(
            "UPDATE audit_auditevent SET reason = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            [event.reason, event.prev_hash, event.hash, event.seq],
        )
        prev = event.hash
    raw_sql("UPDATE audit_chainhead SET last_hash = %s WHERE id = 1", [prev])


def cut_tail_and_rewind_head(keep: int) -> None:
    kept = AuditEvent.objects.get(seq=keep)
    raw_sql("DELETE FROM audit_auditevent WHERE seq > %s", [keep])
    raw_sql("UPDATE audit_chainhead SET last_seq = %s, last_hash = %s WHERE id = 1", [keep, kept.hash])


def test_an_intact_chain_agrees_with_its_checkpoints():
    write_events(3)
    checkpoint()
    write_events(2)
    checkpoint()
    assert list(AuditCheckpoint.objects.values_list("seq", flat=True)) == [3, 5]
    assert "intact: 5 rows checked, and it agrees with 2 keyed checkpoints (the latest at row #5" in verify()


def test_a_checkpoint_of_an_empty_chain_verifies():
    checkpoint()
    assert AuditCheckpoint.objects.get().seq == 0
    write_events(1)
    assert "agrees with 1 keyed checkpoint (" in verify()


def test_an_edited_row_is_named_even_where_the_checkpoints_still_agree():
    write_events(5)
    checkpoint()
    raw_sql("UPDATE audit_auditevent SET actor_name = 'Someone Else' WHERE seq = 3")
    with pytest.raises(CommandError, match=r"row #3 \(id \d+\): its content no longer matches its hash"):
        verify()


def test_a_row_deleted_from_the_middle_is_named_by_the_chain_and_the_checkpoint_that_saw_it():
    write_events(3)
    checkpoint()
    write_events(2)
    checkpoint()
    raw_sql("DELETE FROM audit_auditevent WHERE seq = 3")
    with pytest.raises(CommandError) as error:
        verify()
    message = str(error.value)
    assert "row #4 (id" in message and "expected row #3 here: rows are missing or moved" in message
    assert "(row #3, taken" in message and "row #3 is missing: it was deleted" in message


def test_rows_cut_from_the_end_with_the_head_moved_back_are_caught_only_by_the_checkpoint():
    write_events(5)
    checkpoint()
    cut_tail_and_rewind_head(keep=3)
    assert verify_chain() is None  # the unkeyed chain looks whole
    [problem] = checkpoint_problems(stored_checkpoints())
    assert problem.seq == 5 and "cut from the end" in problem.problem
    with pytest.raises(CommandError, match=r"\(row #5, taken .*\): the chain now ends at row #3.*cut from the end"):
        verify()


def test_moving_the_head_back_without_deleting_rows_is_caught():
    write_events(5)
    checkpoint()
    kept = AuditEvent.objects.get(seq=2)
    raw_sql("UPDATE audit_chainhead SET last_seq = 2, last_hash = %s WHERE id = 1", [kept.hash])
    with pytest.raises(CommandError, match="the chain now ends at row #2"):
        verify()


def test_a_chain_rewritten_with_recomputed_hashes_no_longer_matches_the_checkpoints():
    write_events(3)
    checkpoint()
    write_events(2)
    checkpoint()
    rewrite_chain_from(2)
    assert verify_chain() is None  # every link recomputed: the unkeyed chain cannot tell
    problems = checkpoint_problems(stored_checkpoints())
    assert [p.seq for p in problems] == [3, 5]
    assert all("no longer has the hash this checkpoint recorded" in p.problem for p in problems)
    with pytest.raises(CommandError, match=r"row #3 no longer has the hash .*rewritten up to this row"):
        verify()


def test_a_forged_checkpoint_is_reported():
    write_events(3)
    checkpoint()
    head = ChainHead.objects.get(pk=1)
    raw_sql(
        "INSERT INTO audit_auditcheckpoint (seq, last_hash, at, mac) VALUES (%s, %s, %s, %s)",
        [head.last_seq, head.last_hash, timezone.now(), "0" * 64],
    )
    forged = AuditCheckpoint.objects.order_by("-id").first()
    with pytest.raises(CommandError, match=rf"checkpoint {forged.pk} in the database .*HMAC does not verify"):
        verify()
    # Nor is a new checkpoint signed on top of it.
    with pytest.raises(CommandError, match="No checkpoint written: .*HMAC does not verify"):
        checkpoint()


def test_a_checkpoint_made_with_another_key_is_reported(settings):
    write_events(2)
    settings.AUDIT_KEY = "another-key"
    checkpoint()
    settings.AUDIT_KEY = "the-real-key"
    with pytest.raises(CommandError, match="HMAC does not verify"):
        verify()


def test_no_checkpoint_is_signed_over_a_chain_that_does_not_continue_from_the_last_one():
    write_events(3)
    checkpoint()
    write_events(2)
    raw_sql("UPDATE audit_auditevent SET reason = 'edited' WHERE seq = 4")
    with pytest.raises(CommandError, match=r"No checkpoint written: .*row #4 .*edited"):
        checkpoint()
    rewrite_chain_from(2)
    with pytest.raises(CommandError, match=r"No checkpoint written: .*row #4 .*does not link"):
        checkpoint()
    assert AuditCheckpoint.objects.count() == 1


def test_no_checkpoint_is_signed_after_the_tail_was_cut():
    write_events(5)
    checkpoint()
    cut_tail_and_rewind_head(keep=3)
    with pytest.raises(CommandError, match="behind checkpoint .* at row #5: rows were cut from the end"):
        checkpoint()


def test_the_exported_file_catches_a_rewrite_that_also_removed_the_checkpoints_from_the_database(tmp_path):
    exported = tmp_path / "checkpoints.jsonl"
    write_events(3)
    checkpoint("--export", str(exported))
    write_events(2)
    checkpoint("--export", str(exported))
    lines = exported.read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [3, 5]

    rewrite_chain_from(1)
    raw_sql("DELETE FROM audit_auditcheckpoint")
    assert "no checkpoints yet" in verify()  # the database alone no longer shows it
    with pytest.raises(CommandError) as error:
        verify("--checkpoints", str(exported))
    assert f"line 1 of {exported} (row #3" in str(error.value)
    assert f"line 2 of {exported} (row #5" in str(error.value)
    assert "rewritten up to this row" in str(error.value)


def test_an_altered_line_in_the_checkpoint_file_is_reported(tmp_path):
    exported = tmp_path / "checkpoints.jsonl"
    write_events(5)
    checkpoint("--export", str(exported))
    assert "agrees with 2 keyed checkpoints" in verify("--checkpoints", str(exported))  # the table's and the file's
    line = json.loads(exported.read_text())
    line["seq"] = 2  # claim the chain was shorter
    exported.write_text(json.dumps(line) + "\n")
    with pytest.raises(CommandError, match=f"line 1 of {exported} .*HMAC does not verify"):
        verify("--checkpoints", str(exported))
    exported.write_text("not a checkpoint\n")
    with pytest.raises(CommandError, match=f"line 1 of {exported} is not a checkpoint"):
        verify("--checkpoints", str(exported))


def test_the_mac_covers_seq_hash_and_time():
    at = timezone.now()
    mac = sign(seq=5, last_hash="a" * 64, at=at, key="k")
    assert mac != sign(seq=4, last_hash="a" * 64, at=at, key="k")
    assert mac != sign(seq=5, last_hash="b" * 64, at=at, key="k")
    assert mac != sign(seq=5, last_hash="a" * 64, at=at.replace(microsecond=(at.microsecond + 1) % 10**6), key="k")
    assert mac != sign(seq=5, last_hash="a" * 64, at=at, key="other")


def test_python_refuses_to_change_checkpoints():
    checkpoint()
    row = AuditCheckpoint.objects.get()
    row.seq = 99
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AuditCheckpoint.objects.update(seq=99)
    with pytest.raises(AppendOnlyError):
        AuditCheckpoint.objects.all().delete()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditcheckpoint SET seq = 99",
        "DELETE FROM audit_auditcheckpoint",
        "TRUNCATE audit_auditcheckpoint",
    ],
)
def test_the_database_refuses_to_change_checkpoints(statement):
    if connection.vendor == "sqlite" and not statement.startswith("UPDATE"):
        pytest.skip("SQLite refuses UPDATE only: Django's test flush empties SQLite tables with DELETE")
    checkpoint()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditCheckpoint.objects.get().seq == 0


def test_production_refuses_to_start_without_the_audit_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SAFEPLAN_AUDIT_KEY"}
    env.update(
        {
            "SAFEPLAN_PRODUCTION": "true",
            "DJANGO_SECRET_KEY": "a-production-like-secret-key-for-this-test-0123456789",
            "DJANGO_ALLOWED_HOSTS": "x.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        }
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "safeplan.manage", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SAFEPLAN_AUDIT_KEY" in result.stderr
