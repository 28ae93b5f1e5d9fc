"""Keyed checkpoints of the audit chain (audit/checkpoints.py), append-only like the trail.

On PostgreSQL the trail's own trigger function refuses UPDATE, DELETE and TRUNCATE of checkpoints, with the same
purge path open only to the table's owner (migration 0004), which only the test suite's flush takes. SQLite refuses
UPDATE only, because Django's test flush empties SQLite tables with DELETE (as core/immutability.py explains).
"""

from django.db import migrations, models

PG_FORWARD = """
CREATE TRIGGER audit_checkpoint_no_update_delete BEFORE UPDATE OR DELETE ON audit_auditcheckpoint
    FOR EACH ROW EXECUTE FUNCTION safeplan_audit_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_auditcheckpoint
    FOR EACH STATEMENT EXECUTE FUNCTION safeplan_audit_append_only();
"""

PG_REVERSE = """
DROP TRIGGER IF EXISTS audit_checkpoint_no_truncate ON audit_auditcheckpoint;
DROP TRIGGER IF EXISTS audit_checkpoint_no_update_delete ON audit_auditcheckpoint;
"""

SQLITE_FORWARD = """
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_auditcheckpoint
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only: UPDATE refused'); END;
"""

SQLITE_REVERSE = "DROP TRIGGER IF EXISTS audit_checkpoint_no_update;"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD, params=None)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_REVERSE, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_REVERSE, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_purge_only_by_the_owner")]

    operations = [
        migrations.CreateModel(
            name="AuditCheckpoint",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "seq",
                    models.BigIntegerField(
                        help_text="The chain head's last row when the checkpoint was taken (0: empty)."
                    ),
                ),
                ("last_hash", models.CharField(max_length=64)),
                ("at", models.DateTimeField()),
                ("mac", models.CharField(help_text="HMAC-SHA256 of seq, hash and time, hex.", max_length=64)),
            ],
            options={
                "ordering": ["seq", "id"],
                "indexes": [models.Index(fields=["seq"], name="audit_checkpoint_seq")],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
