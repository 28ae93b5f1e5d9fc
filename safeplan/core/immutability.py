"""History that is never changed: one model base with its author and a save guard, and the database triggers that
refuse changes too (used by migrations).

`History` refuses to save a row that is already stored (a model may narrow that with `is_locked`, as an agreed
version does). `Authored` adds who wrote the row, their name and role at the time, and when: every capability's
history rows use it, so "who said this, and when" reads the same everywhere.

PostgreSQL refuses UPDATE and DELETE; SQLite refuses UPDATE only, because Django's test flush empties SQLite tables
with DELETE (PostgreSQL's flush uses TRUNCATE, which row triggers do not see). A condition limits the refusal to
some rows, such as an agreement once it is final.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import migrations, models


class ImmutableRecord(Exception):
    """Raised when code tries to change history that must stay as it was written."""


class History(models.Model):
    """A row of history: written once, never changed."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.is_locked():
            raise ImmutableRecord(f"This {self._meta.verbose_name} is history and is never changed; record a new one.")
        super().save(*args, **kwargs)

    def is_locked(self) -> bool:
        """Whether this row is stored and so may no longer change. Override to lock only some rows."""
        return self.pk is not None and type(self)._default_manager.filter(pk=self.pk).exists()


class Authored(History):
    """History written by someone: the account, their name and role as they were then, and when."""

    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_by_name = models.CharField(max_length=200)
    written_by_role = models.CharField(max_length=40)
    written_at = models.DateTimeField()

    class Meta:
        abstract = True


PG_FUNCTION = """
CREATE OR REPLACE FUNCTION safeplan_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'safeplan: rows in % are history and are never changed', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def _create_triggers(tables: dict[str, str]) -> Callable[[Any, Any], None]:
    def create(apps: Any, schema_editor: Any) -> None:
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

    return create


def _drop_triggers(tables: dict[str, str]) -> Callable[[Any, Any], None]:
    def drop(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        for table in tables:
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table};", params=None)
            elif vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable;", params=None)

    return drop


def refuse_changes(tables: dict[str, str]) -> migrations.RunPython:
    """{table: condition on OLD, or ""} -> a migration operation creating (and on reverse dropping) the triggers."""
    return migrations.RunPython(_create_triggers(tables), _drop_triggers(tables))


def allow_changes(tables: dict[str, str]) -> migrations.RunPython:
    """The reverse of `refuse_changes`, for a migration that must reshape history tables (it refuses them again at
    its end). On SQLite, rebuilding a table drops its triggers, so a reshaping migration always recreates them."""
    return migrations.RunPython(_drop_triggers(tables), _create_triggers(tables))


def _create_column_triggers(table: str, columns: list[str]) -> Callable[[Any, Any], None]:
    def create(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(PG_FUNCTION, params=None)
            changed = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in columns)
            schema_editor.execute(
                f"CREATE TRIGGER {table}_fixed BEFORE UPDATE ON {table} FOR EACH ROW WHEN ({changed}) "
                "EXECUTE FUNCTION safeplan_refuse_change();",
                params=None,
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_kept BEFORE DELETE ON {table} FOR EACH ROW "
                "EXECUTE FUNCTION safeplan_refuse_change();",
                params=None,
            )
        elif vendor == "sqlite":
            changed = " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in columns)
            schema_editor.execute(
                f"CREATE TRIGGER {table}_fixed BEFORE UPDATE ON {table} WHEN {changed} "
                f"BEGIN SELECT RAISE(ABORT, 'safeplan: rows in {table} are history and are never changed'); END;",
                params=None,
            )

    return create


def _drop_column_triggers(table: str) -> Callable[[Any, Any], None]:
    def drop(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        for name in (f"{table}_fixed", f"{table}_kept"):
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};", params=None)
            elif vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name};", params=None)

    return drop


def refuse_column_changes(table: str, columns: list[str]) -> migrations.RunPython:
    """A table whose rows change only in some columns (a case's state, say): the triggers refuse any change to the
    listed columns, and (PostgreSQL, as above) any delete. A later migration that reshapes the table starts with
    `allow_column_changes` and ends with this again (a rebuild on SQLite drops triggers; PostgreSQL refuses to alter
    a column a trigger's condition names)."""
    return migrations.RunPython(_create_column_triggers(table, columns), _drop_column_triggers(table))


def allow_column_changes(table: str, columns: list[str]) -> migrations.RunPython:
    """The reverse of `refuse_column_changes`, for a migration that must reshape the table."""
    return migrations.RunPython(_drop_column_triggers(table), _create_column_triggers(table, columns))
