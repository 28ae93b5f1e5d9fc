"""Reading exports for the record page, on every read of it by the care team: SQL written once (core/fixed_sql.py)."""

from typing import Any

from safeplan.core.fixed_sql import Columns, prep, rows
from safeplan.exports.models import Export

_EXPORT = Columns(Export)
_STILL_TO_ANSWER = [Export.Status.QUEUED, Export.Status.BUILDING, Export.Status.FAILED]
_OPEN = (
    f"SELECT {_EXPORT.sql} FROM {_EXPORT.alias} WHERE {_EXPORT.alias}.person_id = %s"  # noqa: S608 - from the model
    f" AND {_EXPORT.alias}.kind = %s AND {_EXPORT.alias}.status IN (%s, %s, %s)"
    f" ORDER BY {_EXPORT.alias}.due_on, {_EXPORT.alias}.id"
)


def open_requests(person_id: Any) -> list[Export]:
    """The person's subject-access requests still to answer (waiting, being made, or failed), soonest due first."""
    params = [prep(Export, "person", person_id), Export.Kind.SUBJECT_ACCESS, *_STILL_TO_ANSWER]
    return [_EXPORT.load(row) for row in rows(_OPEN, params)]
