"""A backup restores: every table row for row, and an audit trail that still verifies against its checkpoints."""

import stat
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from safeplan.audit.models import AuditCheckpoint, AuditEvent
from safeplan.audit.tests.test_audit_trail import write_events

pytestmark = pytest.mark.owner  # tampers with the trail or restores the database, as its owner


def every_row() -> dict[str, list[dict[str, Any]]]:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_a_seeded_database_restores_every_row_and_an_intact_audit_trail(tmp_path):
    backup, exported = tmp_path / "safeplan.backup", tmp_path / "checkpoints.jsonl"
    run("seed_demo")
    run("checkpoint_audit", "--export", str(exported))
    before = every_row()
    assert len(before["audit.AuditEvent"]) > 10 and len(before["people.Person"]) > 0

    assert "Backed up" in run("backup", str(backup))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # personal data: readable by its owner only

    call_command("flush", "--no-input")
    assert not AuditEvent.objects.exists()

    assert "replaces every table" in run("restore", str(backup))
    after = every_row()
    assert after.keys() == before.keys()
    for table, rows in before.items():
        assert after[table] == rows, f"{table} differs after the restore"
    assert "intact" in run("verify_audit", "--checkpoints", str(exported))

    # The restored database carries on: new rows chain on and are checkpointed.
    write_events(2)
    run("checkpoint_audit", "--export", str(exported))
    assert AuditCheckpoint.objects.count() == 2
    assert "agrees with 4 keyed checkpoints" in run("verify_audit", "--checkpoints", str(exported))


@pytest.mark.django_db(transaction=True)
def test_a_restore_from_an_older_backup_is_reported_against_later_checkpoints(tmp_path):
    backup, exported = tmp_path / "safeplan.backup", tmp_path / "checkpoints.jsonl"
    write_events(2)
    run("backup", str(backup))
    write_events(3)
    run("checkpoint_audit", "--export", str(exported))
    run("restore", str(backup))
    with pytest.raises(CommandError, match=r"\(row #5, taken .*\): the chain now ends at row #2"):
        run("verify_audit", "--checkpoints", str(exported))


@pytest.mark.django_db
def test_a_backup_never_overwrites_another(tmp_path):
    existing = tmp_path / "safeplan.backup"
    existing.write_bytes(b"last night's backup")
    with pytest.raises(CommandError, match="already exists"):
        run("backup", str(existing))
    assert existing.read_bytes() == b"last night's backup"


@pytest.mark.django_db(transaction=True)
def test_a_file_that_is_not_a_backup_is_refused_and_nothing_is_replaced(tmp_path):
    write_events(2)
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a backup")
    with pytest.raises(CommandError, match="Nothing was restored"):
        run("restore", str(not_a_backup))
    assert AuditEvent.objects.count() == 2


@pytest.mark.django_db
def test_production_restores_only_with_yes_and_says_what_it_replaces(tmp_path, settings):
    settings.PRODUCTION = True
    backup = tmp_path / "safeplan.backup"
    backup.write_bytes(b"")
    with pytest.raises(CommandError, match="replaces every table of the .* database .*run again with --yes"):
        run("restore", str(backup))
