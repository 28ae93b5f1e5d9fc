"""The words of a plan as they stand now, for `build_snapshot`, read with SQL written once per process
(core/fixed_sql.py): the plan page reads them on every visit, and the ORM spent longer building its statement and
four model instances a row than the database took (issue 16).

The rule is `queries.current_revisions(plan, views=True, reader=reader)`; `circle/tests/test_current_words.py`
checks that this read gives the same entries, in the same order, with the same values, for every kind of reader.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.db import connection

from safeplan.core.fixed_sql import Columns, prep, rows
from safeplan.people.access import RecordAccess
from safeplan.people.models import SupportRelationship, User
from safeplan.plans.models import Entry, EntryRevision, Plan

_ENTRY = Columns(
    Entry,
    alias="e",
    only={"id", "plan_id", "section_key", "item_key", "voice", "supporter_id", "responds_to_id", "revision"}
    | {"hidden_from_staff_at", "created_at"},
)
_REVISION = Columns(
    EntryRevision,
    alias="r",
    only={"id", "entry_id", "number", "fields", "mode", "removed", "written_by_name", "written_by_role", "written_at"},
)
_SUPPORT = Columns(SupportRelationship, alias="s", only={"id", "user_id", "person_id", "kind", "relationship"})
_USER = Columns(User, alias="u", only={"id", "username", "first_name", "last_name", "display_name"})


@dataclass(frozen=True)
class CurrentWords:
    """One entry as it stands now, with its current revision: their columns as attributes (an entry's `supporter` a
    SupportRelationship with its user, for a supporter's words, else None). Not model instances: making 72 of them
    for a plan of 36 entries cost a millisecond of the plan page."""

    entry: SimpleNamespace
    revision: SimpleNamespace


_SQL: dict[tuple[str, str], str] = {}  # (database vendor, which entries hidden from staff are read): the statement


def _statement(hidden: str) -> str:
    key = (connection.vendor, hidden)
    if key not in _SQL:
        shown = {"all": "", "none": " AND e.hidden_from_staff_at IS NULL"}.get(
            hidden, " AND (e.hidden_from_staff_at IS NULL OR e.supporter_id = %s)"
        )
        _SQL[key] = (
            f"SELECT {_ENTRY.sql}, {_REVISION.sql}, {_SUPPORT.sql}, {_USER.sql}"  # noqa: S608 - names from the models
            f" FROM {EntryRevision._meta.db_table} r JOIN {Entry._meta.db_table} e ON e.id = r.entry_id"
            f" LEFT JOIN {SupportRelationship._meta.db_table} s ON s.id = e.supporter_id"
            f" LEFT JOIN {User._meta.db_table} u ON u.id = s.user_id"
            f" WHERE e.plan_id = %s AND r.number = e.revision AND r.removed = %s{shown}"
            f" ORDER BY e.created_at, e.id"
        )
    return _SQL[key]


def current_words(plan: Plan, reader: RecordAccess | None = None) -> list[CurrentWords]:
    """Each entry of the plan (differing views too) as it stands now, oldest first, left out when it was taken out,
    and left out when the person hid it from staff, unless the `reader` is the person or the supporter who wrote it
    (`queries.hidden_for`)."""
    params: list = [prep(Entry, "plan", plan.pk), False]
    if reader is not None and reader.is_person:
        hidden = "all"
    elif reader is not None and reader.is_supporter and reader.support is not None:
        hidden = "own"
        params.append(reader.support.pk)
    else:
        hidden = "none"
    found = []
    for row in rows(_statement(hidden), params):
        entry = _ENTRY.values(row)
        at = len(_ENTRY)
        revision = _REVISION.values(row, at)
        at += len(_REVISION)
        if entry.supporter_id is not None:
            support = _SUPPORT.load(row, at)
            support.user = _USER.load(row, at + len(_SUPPORT))
            entry.supporter = support
        else:
            entry.supporter = None
        found.append(CurrentWords(entry, revision))
    return found
