"""The application's own database role cannot rewrite the audit trail, with or without the purge setting
(issue 10, defect B). Only the table's owner may take the purge path, which only the test suite's flush uses."""

import pytest
from django.db import DatabaseError, connection, transaction

from safeplan.audit.tests.test_audit_trail import write_events

pytestmark = pytest.mark.django_db
APP_ROLE = "safeplan_app_probe"  # a role like production's app role: no superuser, owns no tables

STATEMENTS = [
    "UPDATE audit_auditevent SET reason = 'edited'",
    "DELETE FROM audit_auditevent",
    "TRUNCATE audit_auditevent",
]


@pytest.fixture
def app_role():
    if connection.vendor != "postgresql":
        pytest.skip("database roles are PostgreSQL's; SQLite has one user")
    with connection.cursor() as cursor:
        cursor.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') "
            f"THEN CREATE ROLE {APP_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END $$;"
        )
        # Every table privilege, on purpose: the trigger must hold even where grants are too generous.
        cursor.execute(f"GRANT ALL ON audit_auditevent, audit_chainhead TO {APP_ROLE}")
    return APP_ROLE


@pytest.mark.parametrize("statement", STATEMENTS)
@pytest.mark.parametrize("with_purge_setting", [False, True])
def test_the_app_role_cannot_update_delete_or_truncate_the_trail(app_role, statement, with_purge_setting):
    write_events(2)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {app_role}")
        if with_purge_setting:
            cursor.execute("SET LOCAL safeplan.audit_purge = 'allowed'")
        cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), min(reason) FROM audit_auditevent")
        assert cursor.fetchone() == (2, "")


def test_the_owner_may_still_purge_for_the_test_flush(app_role):
    write_events(1)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL safeplan.audit_purge = 'allowed'")
        cursor.execute("DELETE FROM audit_auditevent")
        cursor.execute("SELECT count(*) FROM audit_auditevent")
        assert cursor.fetchone() == (0,)
        transaction.set_rollback(True)
