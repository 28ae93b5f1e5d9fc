"""Reads on the hot path whose SQL is the same on every request (issue 16, ADR 0014).

The ORM builds a query's SQL afresh on every request, and on the record and plan pages that cost more than the
database did. A read here is written once, as SQL built from the models' own table and column names, and each request
only binds its values. Its rows become model instances the way the ORM makes them: `Model.from_db`, with the converters
the ORM applies to each column (on SQLite, for example, a UUID is read back from its text), so the objects behave
exactly as a QuerySet's do. A column a read leaves out is loaded if anything asks for it (one more statement, which
the query-count tests would catch).

Use it only where a page is measurably slower for the ORM, and keep an ORM version of the same rule in a test to
compare with (as `people/tests/test_caring.py` does for the care relationships).
"""

from collections.abc import Callable, Collection, Sequence
from types import SimpleNamespace
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)
Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


class Columns(Generic[M]):
    """One model's columns in a hand-written SELECT, under `alias` (its table's name unless given), and how to make
    an instance from them again."""

    def __init__(self, model: type[M], alias: str = "", only: Collection[str] | None = None) -> None:
        self.model = model
        self.alias = alias or model._meta.db_table
        fields = [f for f in model._meta.concrete_fields if only is None or f.attname in only]
        self.fields: list[Field] = fields  # type: ignore[assignment]
        self.attnames = [f.attname for f in fields]
        # by connection (one per thread): the backend's converters are bound to it
        self._converters: WeakKeyDictionary[BaseDatabaseWrapper, list[tuple[int, list[Converter], Any]]]
        self._converters = WeakKeyDictionary()

    def __len__(self) -> int:
        return len(self.fields)

    @property
    def sql(self) -> str:
        """The columns for a SELECT list, in the model's field order."""
        return ", ".join(f"{self.alias}.{f.column}" for f in self.fields)

    def load(self, row: Sequence[Any], start: int = 0) -> M:
        """The instance in `row` from column `start` on, as the ORM would have made it."""
        using = router.db_for_read(self.model)
        return self.model.from_db(using, self.attnames, self._converted(row, start, using))

    def values(self, row: Sequence[Any], start: int = 0) -> SimpleNamespace:
        """The same values as `load` gives, as plain attributes (and `pk`) rather than an instance: for a read of many
        rows that only shows them, where making each instance cost more than the statement."""
        found = SimpleNamespace(**dict(zip(self.attnames, self._converted(row, start), strict=True)))
        found.pk = getattr(found, self.model._meta.pk.attname)
        return found

    def _converted(self, row: Sequence[Any], start: int, using: str = "") -> list[Any]:
        connection = connections[using or router.db_for_read(self.model)]
        values = list(row[start : start + len(self.fields)])
        for i, converters, expression in self._converters_for(connection):
            value = values[i]
            for converter in converters:
                value = converter(value, expression, connection)
            values[i] = value
        return values

    def _converters_for(self, connection: BaseDatabaseWrapper) -> list[tuple[int, list[Converter], Any]]:
        """What SQLCompiler.get_converters finds for each column: the backend's, then the field's own."""
        if connection not in self._converters:
            found = []
            for i, field in enumerate(self.fields):
                expression = field.get_col(self.alias)
                converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
                if converters:
                    found.append((i, converters, expression))
            self._converters[connection] = found
        return self._converters[connection]


def select(columns: Columns, where: str, order_by: str) -> str:
    """`SELECT <columns> FROM <their table> AS <alias> WHERE … ORDER BY …`, for a read of one model's rows."""
    table = columns.model._meta.db_table
    source = table if columns.alias == table else f"{table} {columns.alias}"
    return f"SELECT {columns.sql} FROM {source} WHERE {where} ORDER BY {order_by}"  # noqa: S608 - from the models


def load_all(columns: "Columns[M]", sql: str, params: Sequence[Any], *, plain: bool = False) -> list[Any]:
    """Every row of `sql` (which selects `columns` first) as an instance, or with `plain` as `Columns.values`."""
    make = columns.values if plain else columns.load
    return [make(row) for row in rows(sql, params)]


def prep(model: type[Model], name: str, value: Any, using: str = "default") -> Any:
    """`value` as the database takes it for `model`'s field `name` (a UUID as text on SQLite, for example)."""
    field = model._meta.get_field(name)
    assert isinstance(field, Field)
    return field.get_db_prep_value(value, connections[using], prepared=False)


def rows(sql: str, params: Sequence[Any], using: str = "default") -> list[tuple[Any, ...]]:
    """Every row of one statement, through Django's cursor wrapper (so its execute wrappers, such as the tests' query
    counts, see it), in the request's own transaction.

    On PostgreSQL the statement is bound server-side, so the database prepares it once a connection has run it
    `prepare_threshold` times (settings: 5) and does not plan it again: planning was most of what these statements
    cost it (ADR 0014). The ORM's own statements keep Django's client-side binding, which has no limit on how many
    values a statement carries (server-side binding stops at 65,535)."""
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]

    connection.close_if_health_check_failed()  # as connection.cursor() does
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection._prepare_cursor(ServerBindingCursor(connection.connection))  # type: ignore[attr-defined]  # noqa: SLF001
    with cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    log = connection.queries_log if connection.queries_logged else None
    if log and log[-1]["sql"] is None:
        # Django's query log reads the statement's text from psycopg, which drops it once the statement is prepared
        # (and Django expects client-side binding here): write what ran.
        log[-1]["sql"] = connection.ops.compose_sql(sql, params)  # type: ignore[attr-defined]
    return found
