"""PostgreSQL prepares the statements a connection runs again (ADR 0014), unless told not to."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")


@pytest.mark.django_db
def test_a_statement_run_again_is_prepared_by_the_database():
    connection.ensure_connection()
    assert connection.connection.prepare_threshold == 5
    sql = "SELECT COUNT(*) FROM people_person WHERE id = %s -- prepared-statement test"
    with CaptureQueriesContext(connection), connection.cursor() as cursor:
        for _ in range(6):
            cursor.execute(sql, ["00000000-0000-0000-0000-000000000000"])
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", ["%prepared-statement test%"]
        )
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("people_person" in statement for statement in prepared)
