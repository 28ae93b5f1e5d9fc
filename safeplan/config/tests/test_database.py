"""On PostgreSQL the hot path's own SQL (core/fixed_sql.py) is prepared once a connection has run it again, and the
ORM's statements keep client-side binding (no cap on how many values one carries) (ADR 0014)."""

import uuid

import pytest
from django.db import connection

from safeplan.core.fixed_sql import rows
from safeplan.people.models import Person

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")


def prepared(marker: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{marker}%"])
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_the_hot_paths_own_sql_run_again_is_prepared_and_the_orms_is_not():
    sql = "SELECT COUNT(*) FROM people_person WHERE id = %s -- fixed-sql prepared test"
    for _ in range(6):
        assert rows(sql, [uuid.uuid4()]) == [(0,)]
    assert len(prepared("fixed-sql prepared test")) == 1
    for _ in range(6):
        list(Person.objects.filter(pk=uuid.uuid4(), preferred_name="orm-not-prepared-test"))
    assert prepared("orm-not-prepared-test") == []


@pytest.mark.django_db
def test_the_orm_still_takes_more_values_than_server_side_binding_could():
    ids = [uuid.uuid4() for _ in range(70_000)]  # server-side binding stops at 65,535
    assert Person.objects.filter(pk__in=ids).count() == 0
