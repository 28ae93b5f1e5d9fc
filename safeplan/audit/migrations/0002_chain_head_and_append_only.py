"""Create the chain head, and on PostgreSQL refuse UPDATE, DELETE and TRUNCATE of audit rows in the database.

The trigger allows a purge only when the session sets `safeplan.audit_purge = 'allowed'`: the test suite's table
flush does, and nothing in the application does. In production run the app as a role that owns no tables, so it
cannot disable triggers either (docs/adr/0002-audit-trail.md).
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION safeplan_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('safeplan.audit_purge', true) = 'allowed' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION safeplan_audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION safeplan_audit_append_only();
"""

PG_REVERSE = """
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_event_no_update_delete ON audit_auditevent;
DROP FUNCTION IF EXISTS safeplan_audit_append_only();
"""


def forwards(apps, schema_editor):
    ChainHead = apps.get_model("audit", "ChainHead")
    ChainHead.objects.get_or_create(pk=1)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_REVERSE, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
