"""The plans part of a person's record page in one statement (issue 16): each plan with what its status needs of its
latest agreed and latest versions and, for the care team, how many entries are due to go through with the person.
Before, this was three statements (the plans, all their versions, then the entries due).

The version columns and the count are written here in SQL, because building the same with the ORM's subqueries cost
more in Python, on every request, than the statements it saved. `historical.due_for_review` is the rule in the ORM;
`plans/tests/test_historical.py` checks that the two agree in every state a plan goes through.
"""

from datetime import date

from django.db import connection, router
from django.db.models import Field, IntegerField
from django.db.models.expressions import RawSQL

from safeplan.people.models import Person
from safeplan.people.withholding import Withholding
from safeplan.plans.historical import review_age_start
from safeplan.plans.models import Entry, EntryReview, EntryRevision, Plan, PlanVersion, ReviewRequest
from safeplan.plans.presenters import PlanStatus, plan_status
from safeplan.plans.withheld import ENTRY

# What PlanStatus reads of a version, in the model's field order; anything else is loaded if it is ever read.
_READ = {"id", "number", "plan_revision", "agreed_at", "review_due"}
VERSION_FIELDS = [f.attname for f in PlanVersion._meta.concrete_fields if f.attname in _READ]

_VERSIONS, _PLANS = PlanVersion._meta.db_table, Plan._meta.db_table
_VERSION = f"SELECT v.{{column}} FROM {_VERSIONS} v WHERE v.plan_id = {_PLANS}.id{{agreed}} ORDER BY v.number DESC"  # noqa: S608
_VERSION += " LIMIT 1"

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


def plans_at_a_glance(
    person: Person, *, count_due: bool, today: date | None = None
) -> tuple[list[tuple[Plan, PlanStatus]], int]:
    """The person's plans, newest first, each with its status (as `plans_with_status` gives it), and how many
    entries are due to go through (0 unless `count_due`): one statement, however many plans, versions and entries."""
    annotations: dict[str, RawSQL] = {}
    for prefix, agreed in [("agreed", " AND v.agreed_at IS NOT NULL"), ("latest", "")]:
        for field in VERSION_FIELDS:
            sql = _VERSION.format(column=_field(field).column, agreed=agreed)
            annotations[f"glance_{prefix}_{field}"] = RawSQL(sql, [], output_field=_field(field))  # noqa: S611
    if count_due:
        person_id = Person._meta.pk.get_db_prep_value(person.pk, connection)  # type: ignore[union-attr]
        before = EntryRevision._meta.get_field("written_at").get_db_prep_value(
            review_age_start(person, today), connection
        )
        params = [person_id, before, person_id, ENTRY]
        annotations["glance_due"] = RawSQL(_DUE, params, output_field=IntegerField())  # noqa: S611
    plans = list(
        Plan.objects.filter(person=person).select_related("template").annotate(**annotations).order_by("-started_at")
    )
    found = []
    for plan in plans:
        plan.person = person
        versions = {v.number: v for v in (_version(plan, "agreed"), _version(plan, "latest")) if v is not None}
        found.append((plan, plan_status(plan, [versions[n] for n in sorted(versions)])))
    due = plans[0].glance_due if plans and count_due else 0  # type: ignore[attr-defined]
    return found, int(due or 0)


def _field(name: str) -> Field:
    field = PlanVersion._meta.get_field(name)
    assert isinstance(field, Field)
    return field


def _version(plan: Plan, prefix: str) -> PlanVersion | None:
    values = [getattr(plan, f"glance_{prefix}_{field}") for field in VERSION_FIELDS]
    if values[VERSION_FIELDS.index("id")] is None:
        return None
    given = dict(zip(["plan_id", *VERSION_FIELDS], [plan.pk, *values], strict=True))
    ordered = [f.attname for f in PlanVersion._meta.concrete_fields if f.attname in given]
    version = PlanVersion.from_db(router.db_for_read(PlanVersion), ordered, [given[name] for name in ordered])
    version.plan = plan
    return version
