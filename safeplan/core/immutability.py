"""Database triggers that refuse changes to rows that record history (used by migrations).

PostgreSQL refuses UPDATE and DELETE; SQLite refuses UPDATE only, because Django's test flush empties SQLite tables
with DELETE (PostgreSQL's flush uses TRUNCATE, which row triggers do not see). A condition limits the refusal to
some rows, such as an agreement once it is final.
"""

from django.db import migrations

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION safeplan_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'safeplan: rows in % are history and are never changed', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def refuse_changes(tables: dict[str, str]) -> migrations.RunPython:
    """{table: condition on OLD, or ""} -> a migration operation creating (and on reverse dropping) the triggers."""

    def create(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(PG_FUNCTION, params=None)
        for table, condition in tables.items():
            name = f"{table}_immutable"
            if vendor == "postgresql":
                when = f"WHEN ({condition})" if condition else ""
                schema_editor.execute(
                    f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW {when} "
                    "EXECUTE FUNCTION safeplan_refuse_change();",
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
        for table in tables:
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table};", params=None)
            elif vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable;", params=None)

    return migrations.RunPython(create, drop)
