"""The plans part of a person's record page in one statement (issue 16): each plan with what its status needs of its
latest agreed and latest versions and, for the care team, how many entries are due to go through with the person.
Before, this was three statements (the plans, all their versions, then the entries due).

The statement is written here in SQL, once per process (core/fixed_sql.py), because building the same with the ORM
cost more in Python, on every request, than the database took to answer it. `historical.due_for_review` is the rule
in the ORM; `plans/tests/test_historical.py` checks that the two agree in every state a plan goes through.
"""

from datetime import date

from django.db import connection

from safeplan.core.fixed_sql import Columns, prep, rows
from safeplan.people.models import Person
from safeplan.people.withholding import Withholding
from safeplan.plans.historical import review_age_start
from safeplan.plans.models import Entry, EntryReview, EntryRevision, Plan, PlanTemplate, PlanVersion, ReviewRequest
from safeplan.plans.presenters import PlanStatus, plan_status
from safeplan.plans.withheld import ENTRY

_PLANS, _TEMPLATES, _VERSIONS = Plan._meta.db_table, PlanTemplate._meta.db_table, PlanVersion._meta.db_table
_PLAN = Columns(Plan)
# Not the template's definition or description: a page of plans reads only their titles, and parsing each
# template's definition cost more than the rest of the statement.
_TEMPLATE = Columns(PlanTemplate, only={"id", "organisation_id", "key", "version", "title", "summary"})
# What PlanStatus reads of a version (never its snapshot); anything else is loaded if it is ever read.
_READ = {"id", "plan_id", "number", "plan_revision", "agreed_at", "review_due"}
_AGREED = Columns(PlanVersion, alias="agreed_version", only=_READ)
_LATEST = Columns(PlanVersion, alias="latest_version", only=_READ)
_NEWEST = f"SELECT v.id FROM {_VERSIONS} v WHERE v.plan_id = {_PLANS}.id{{agreed}} ORDER BY v.number DESC LIMIT 1"  # noqa: S608

# The entries `due_for_review` lists: as they stand now (not taken out, not a view, not hidden from staff), not
# withheld from the person, and either older than the review age and never looked at again, or asked about with no
# review at or after the asking.
_DUE = f"""
SELECT COUNT(*) FROM {EntryRevision._meta.db_table} r
JOIN {Entry._meta.db_table} e ON e.id = r.entry_id
JOIN {Plan._meta.db_table} p ON p.id = e.plan_id
WHERE p.person_id = %s AND r.number = e.revision AND NOT r.removed
  AND e.hidden_from_staff_at IS NULL AND e.responds_to_id IS NULL
  AND (
    (r.written_at < %s AND NOT EXISTS (SELECT 1 FROM {EntryReview._meta.db_table} w WHERE w.entry_id = e.id))
    OR EXISTS (
      SELECT 1 FROM {ReviewRequest._meta.db_table} a WHERE a.entry_id = e.id AND NOT EXISTS (
        SELECT 1 FROM {EntryReview._meta.db_table} w WHERE w.entry_id = e.id AND w.written_at >= a.written_at))
  )
  AND NOT EXISTS (
    SELECT 1 FROM {Withholding._meta.db_table} h WHERE h.released_at IS NULL AND h.person_id = %s
      AND h.object_type = %s AND h.object_id = CAST(e.id AS VARCHAR(20)))
"""  # noqa: S608 - table names from the models; every value is a parameter


_SQL: dict[tuple[str, bool], str] = {}  # (database vendor, with the count due): the statement


def _statement(count_due: bool) -> str:
    key = (connection.vendor, count_due)
    if key not in _SQL:
        due = f", ({_DUE})" if count_due else ""
        agreed, latest = _NEWEST.format(agreed=" AND v.agreed_at IS NOT NULL"), _NEWEST.format(agreed="")
        _SQL[key] = (
            f"SELECT {_PLAN.sql}, {_TEMPLATE.sql}, {_AGREED.sql}, {_LATEST.sql}{due}"  # noqa: S608
            f" FROM {_PLANS} JOIN {_TEMPLATES} ON {_TEMPLATES}.id = {_PLANS}.template_id"
            f" LEFT JOIN {_VERSIONS} agreed_version ON agreed_version.id = ({agreed})"
            f" LEFT JOIN {_VERSIONS} latest_version ON latest_version.id = ({latest})"
            f" WHERE {_PLANS}.person_id = %s ORDER BY {_PLANS}.started_at DESC, {_PLANS}.id"
        )
    return _SQL[key]


def plans_at_a_glance(
    person: Person, *, count_due: bool, today: date | None = None
) -> tuple[list[tuple[Plan, PlanStatus]], int]:
    """The person's plans, newest first, each with its status (as `plans_with_status` gives it), and how many
    entries are due to go through (0 unless `count_due`): one statement, however many plans, versions and entries."""
    person_id = prep(Plan, "person", person.pk)
    params = []
    if count_due:
        before = prep(EntryRevision, "written_at", review_age_start(person, today))
        params = [person_id, before, person_id, ENTRY]
    found, due = [], 0
    for row in rows(_statement(count_due), [*params, person_id]):
        plan = _PLAN.load(row)
        at = len(_PLAN)
        plan.template = _TEMPLATE.load(row, at)
        plan.person = person
        at += len(_TEMPLATE)
        versions: dict[int, PlanVersion] = {}
        for columns in (_AGREED, _LATEST):
            if row[at] is not None:  # its id: none agreed yet, or none put forward
                version = columns.load(row, at)
                version.plan = plan
                versions[version.number] = version
            at += len(columns)
        found.append((plan, plan_status(plan, [versions[n] for n in sorted(versions)])))
        due = int(row[at] or 0) if count_due else 0
    return found, due
