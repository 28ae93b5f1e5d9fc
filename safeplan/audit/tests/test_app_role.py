"""The application's own database role cannot rewrite the audit trail, with or without the purge setting
(issue 10, defect B). Only the table's owner may take the purge path, which only the test suite's flush uses."""

import os

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
    """A probe role made by the owner (creating roles needs the owner's, or a superuser's, rights)."""
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


@pytest.mark.owner
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


@pytest.mark.owner
def test_the_owner_may_still_purge_for_the_test_flush(app_role):
    write_events(1)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL safeplan.audit_purge = 'allowed'")
        cursor.execute("DELETE FROM audit_auditevent")
        cursor.execute("SELECT count(*) FROM audit_auditevent")
        assert cursor.fetchone() == (0,)
        transaction.set_rollback(True)


@pytest.mark.parametrize("statement", STATEMENTS)
def test_the_suite_runs_as_the_apps_own_role_which_cannot_rewrite_the_trail(statement):
    """In CI's PostgreSQL run the tests connect as `safeplan_app`, as production's app does: prove it, and that this
    role cannot change the trail even with the purge setting."""
    role = os.environ.get("SAFEPLAN_TEST_APP_ROLE", "")
    if connection.vendor != "postgresql" or not role:
        pytest.skip("only when the suite runs as the app's role (SAFEPLAN_TEST_APP_ROLE)")
    write_events(2)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (role, False)
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")
        assert cursor.fetchone() == (0,)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL safeplan.audit_purge = 'allowed'")
        cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), min(reason) FROM audit_auditevent")
        assert cursor.fetchone() == (2, "")
