"""The audit trail: one complete row per access, append-only, and tampering detected."""

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction
from django.urls import reverse

from safeplan.audit import services as audit
from safeplan.audit.models import AppendOnlyError, AuditEvent
from safeplan.audit.services import AuditOutsideTransaction, verify_chain
from safeplan.people.tests.factories import PersonFactory, practitioner_for

ACTOR = audit.Actor(user_id=1, name="Test Practitioner", role="practitioner", request_id="req-12345678")


def write_events(n: int) -> None:
    for i in range(n):
        audit.record_now(actor=ACTOR, action="read", object_type="person", object_id=i, purpose="care")


def raw_sql(sql: str, params=()) -> None:
    """Tamper as someone with direct database access would: past Python and, on PostgreSQL, past the trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL safeplan.audit_purge = 'allowed'")
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_a_record_read_writes_exactly_one_complete_audit_row(client):
    person = PersonFactory()
    user = practitioner_for(person)
    client.force_login(user)
    before = AuditEvent.objects.count()
    response = client.get(reverse("person_record", kwargs={"person_id": person.pk}), HTTP_X_REQUEST_ID="req-abcdef12")
    assert response.status_code == 200
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.actor_id == user.pk and event.actor_name == str(user) and event.actor_role == "practitioner"
    assert event.person_id == person.pk
    assert (event.action, event.object_type, event.object_id) == ("read", "person", str(person.pk))
    assert event.purpose == "care"
    assert event.request_id == "req-abcdef12" == response["X-Request-ID"]
    assert event.at is not None and event.at.utcoffset().total_seconds() == 0
    assert len(event.hash) == 64


@pytest.mark.django_db(transaction=True)
def test_audit_rows_must_be_written_inside_the_transaction_they_record():
    with pytest.raises(AuditOutsideTransaction):
        audit.record(actor=ACTOR, action="read", object_type="person", purpose="care")


@pytest.mark.django_db
def test_a_read_whose_transaction_fails_leaves_no_audit_row():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        audit.record(actor=ACTOR, action="read", object_type="person", purpose="care")
        1 / 0  # noqa: B018
    assert not AuditEvent.objects.exists()
    write_events(1)
    assert verify_chain() is None


@pytest.mark.django_db
def test_python_refuses_to_update_or_delete_audit_rows():
    write_events(2)
    event = AuditEvent.objects.first()
    event.reason = "edited"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(reason="edited")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_auditevent SET reason = 'edited'", "DELETE FROM audit_auditevent", "TRUNCATE audit_auditevent"],
)
@pytest.mark.owner
def test_postgresql_refuses_to_change_audit_rows_at_the_database(statement):
    if connection.vendor != "postgresql":
        pytest.skip("the database-level refusal is PostgreSQL's; SQLite relies on Python and the hash chain")
    write_events(1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db
def test_an_intact_chain_verifies(capsys):
    write_events(5)
    assert verify_chain() is None
    call_command("verify_audit")
    assert "intact: 5 rows" in capsys.readouterr().out


@pytest.mark.owner
@pytest.mark.django_db
def test_editing_a_row_is_detected_and_the_row_named():
    write_events(5)
    raw_sql("UPDATE audit_auditevent SET actor_name = 'Someone Else' WHERE seq = 3")
    problem = verify_chain()
    assert problem is not None and problem.seq == 3 and "edited" in problem.problem
    with pytest.raises(CommandError, match="row #3"):
        call_command("verify_audit")


@pytest.mark.owner
@pytest.mark.django_db
def test_deleting_a_row_is_detected():
    write_events(5)
    raw_sql("DELETE FROM audit_auditevent WHERE seq = 2")
    problem = verify_chain()
    assert problem is not None and problem.seq == 3 and "missing" in problem.problem


@pytest.mark.owner
@pytest.mark.django_db
def test_deleting_the_last_rows_is_detected():
    write_events(5)
    raw_sql("DELETE FROM audit_auditevent WHERE seq >= 4")
    problem = verify_chain()
    assert problem is not None and "removed from the end" in problem.problem


@pytest.mark.owner
@pytest.mark.django_db
def test_reordering_rows_is_detected():
    write_events(5)
    raw_sql("UPDATE audit_auditevent SET seq = -2 WHERE seq = 2")
    raw_sql("UPDATE audit_auditevent SET seq = 2 WHERE seq = 4")
    raw_sql("UPDATE audit_auditevent SET seq = 4 WHERE seq = -2")
    problem = verify_chain()
    assert problem is not None and problem.seq == 2


@pytest.mark.owner
@pytest.mark.django_db
def test_rewriting_a_row_and_its_own_hash_is_detected_by_the_next_link():
    write_events(4)
    event = AuditEvent.objects.get(seq=2)
    event.reason = "covered up"
    forged = event.compute_hash()
    raw_sql("UPDATE audit_auditevent SET reason = %s, hash = %s WHERE seq = 2", ["covered up", forged])
    problem = verify_chain()
    assert problem is not None and problem.seq == 3 and "does not link" in problem.problem


@pytest.mark.django_db(transaction=True)
def test_the_chain_stays_unbroken_with_many_concurrent_writers():
    writers, per_writer = 8, 25
    errors: list[BaseException] = []
    start = threading.Barrier(writers)

    def work():
        try:
            start.wait()
            write_events(per_writer)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.count() == writers * per_writer
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, writers * per_writer + 1))
    assert verify_chain() is None
