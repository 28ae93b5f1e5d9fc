"""The audit trail's purge path (used only by the test suite's flush) is open only to the table's owner.

Before this, any role that could write the table could `SET LOCAL safeplan.audit_purge = 'allowed'` (custom settings
can be set by anyone) and then UPDATE, DELETE or TRUNCATE audit rows. Now the setting counts only for a member of
the role that owns the table, which the application's role is not (it runs as a role that owns no tables: README,
"Running it in production"). Superusers own everything and can drop triggers anyway: never run the app as one.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION safeplan_audit_append_only() RETURNS trigger AS $$
DECLARE
    table_owner name;
BEGIN
    SELECT pg_get_userbyid(relowner) INTO table_owner FROM pg_class WHERE oid = TG_RELID;
    IF current_setting('safeplan.audit_purge', true) = 'allowed'
       AND pg_has_role(current_user, table_owner, 'MEMBER') THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql SECURITY INVOKER;
"""

PG_REVERSE = """
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
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_REVERSE, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_alter_auditevent_action")]
    operations = [migrations.RunPython(forwards, backwards)]
