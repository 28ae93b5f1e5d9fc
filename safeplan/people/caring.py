"""Which teams care for a person now, read with the person and their organisation in one statement whose SQL is
written once per process (core/fixed_sql.py): every staff read of a record starts here, so its cost is on every
page a clinician opens (issue 16).

The rule is `CareRelationship.objects.active()`; `people/tests/test_caring.py` checks that this read finds the same
relationships, in the same order, as that rule does.
"""

from datetime import date

from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from safeplan.core.fixed_sql import Columns, prep, rows
from safeplan.people.models import CareRelationship, Organisation, Person, StaffRole, Team, User

_RELATIONSHIP = Columns(CareRelationship)
_TEAM = Columns(Team)
_PERSON = Columns(Person)
_ORGANISATION = Columns(Organisation)


def team_members_sql() -> RawSQL:
    """For each care relationship, the active practitioners and team leads of its team as JSON text, [[name, job
    title, role], …] by name: one subquery of the statement that reads the relationships. A name is what str(user)
    gives: the display name, else the full name, else the username."""
    name = "COALESCE(NULLIF(u.display_name, ''), NULLIF(TRIM(u.first_name || ' ' || u.last_name), ''), u.username)"
    members = (
        f"FROM {StaffRole._meta.db_table} s JOIN {User._meta.db_table} u ON u.id = s.user_id"
        f" WHERE s.team_id = {CareRelationship._meta.db_table}.team_id AND s.role IN (%s, %s) AND u.is_active"
    )
    if connection.vendor == "postgresql":
        listed = f"json_agg(json_build_array({name}, s.job_title, s.role) ORDER BY u.display_name, s.id)"
        sql = f"SELECT CAST(COALESCE({listed}, '[]') AS TEXT) {members}"  # noqa: S608 - no value in it
    else:
        ordered = f"SELECT {name} AS name, s.job_title, s.role {members} ORDER BY u.display_name, s.id"  # noqa: S608
        sql = f"SELECT json_group_array(json_array(name, job_title, role)) FROM ({ordered})"  # noqa: S608
    return RawSQL(sql, list(StaffRole.TEAM_ROLES), output_field=TextField())  # noqa: S611 - values are parameters


_SQL: dict[tuple[str, bool], str] = {}  # (database vendor, with members): the statement


def _statement(with_members: bool) -> str:
    key = (connection.vendor, with_members)
    if key not in _SQL:
        members = f", ({team_members_sql().sql})" if with_members else ""
        relationships, teams = CareRelationship._meta.db_table, Team._meta.db_table
        people, organisations = Person._meta.db_table, Organisation._meta.db_table
        _SQL[key] = (
            f"SELECT {_RELATIONSHIP.sql}, {_TEAM.sql}, {_PERSON.sql}, {_ORGANISATION.sql}{members}"  # noqa: S608
            f" FROM {relationships} JOIN {teams} ON {teams}.id = {relationships}.team_id"
            f" JOIN {people} ON {people}.id = {relationships}.person_id"
            f" JOIN {organisations} ON {organisations}.id = {people}.organisation_id"
            f" WHERE {relationships}.person_id = %s AND {relationships}.started_on <= %s"
            f" AND ({relationships}.ended_on IS NULL OR {relationships}.ended_on >= %s)"
            f" ORDER BY {teams}.name, {relationships}.id"
        )
    return _SQL[key]


def caring_now(person_id: object, *, with_members: bool = False, today: date | None = None) -> list[CareRelationship]:
    """The person's care relationships active today, by team name, each with its team and one shared Person (with
    their organisation); with `with_members`, each also has `members_json` (what `team_members_sql` gives)."""
    day = connection.ops.adapt_datefield_value(today or timezone.localdate())
    params = [*(StaffRole.TEAM_ROLES if with_members else []), prep(CareRelationship, "person", person_id), day, day]
    found: list[CareRelationship] = []
    person: Person | None = None
    for row in rows(_statement(with_members), params):
        relationship = _RELATIONSHIP.load(row)
        at = len(_RELATIONSHIP)
        relationship.team = _TEAM.load(row, at)
        at += len(_TEAM)
        if person is None:
            person = _PERSON.load(row, at)
            person.organisation = _ORGANISATION.load(row, at + len(_PERSON))
        relationship.person = person
        if with_members:
            relationship.members_json = row[-1]  # type: ignore[attr-defined]
        found.append(relationship)
    return found
