"""The database itself refuses to change revisions, signatures and agreed versions.

PostgreSQL refuses UPDATE and DELETE. SQLite refuses UPDATE only: Django's test flush empties SQLite tables with
DELETE (PostgreSQL's flush uses TRUNCATE, which row triggers do not see), and rows are never deleted by the product.
"""

from django.db import migrations

TABLES = {
    "plans_entryrevision": ("plans_revision_immutable", ""),
    "plans_signature": ("plans_signature_immutable", ""),
    "plans_planversion": ("plans_agreed_version_immutable", "OLD.agreed_at IS NOT NULL"),
}

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION plans_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'safeplan: rows in % are history and are never changed', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
    for table, (name, condition) in TABLES.items():
        if vendor == "postgresql":
            when = f"WHEN ({condition})" if condition else ""
            schema_editor.execute(
                f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW {when} "
                "EXECUTE FUNCTION plans_refuse_change();",
                params=None,
            )
        elif vendor == "sqlite":
            when = f"WHEN {condition}" if condition else ""
            schema_editor.execute(
                f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} {when} "
                f"BEGIN SELECT RAISE(ABORT, 'safeplan: rows in {table} are history and are never changed'); END;",
                params=None,
            )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, (name, _) in TABLES.items():
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};", params=None)
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name};", params=None)
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS plans_refuse_change();", params=None)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
