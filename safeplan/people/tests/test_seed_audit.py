"""`safeplan seed_audit` (issue 16's scale bench): a year of synthetic audit rows, appended with COPY and linked into
the hash chain as the app links them, and never on a database with anyone but load-test people in it."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from safeplan.audit.models import AuditEvent, ChainHead
from safeplan.audit.services import verify_chain

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("seed_audit appends with PostgreSQL's COPY")


def test_seeded_rows_link_into_the_chain_after_what_is_there(postgresql):
    call_command("seed", people=20, stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
    before = AuditEvent.objects.count()
    call_command("seed_audit", rows=1200, stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))  # noqa: SIM115
    assert AuditEvent.objects.count() == before + 1200
    assert verify_chain() is None
    head = ChainHead.objects.get(pk=1)
    assert head.last_seq == before + 1200
    seeded = AuditEvent.objects.filter(request_id__startswith="seed-")
    assert seeded.values("person_id").distinct().count() > 1 and not seeded.filter(person_id__isnull=True).exists()


def test_it_refuses_a_database_with_people_outside_the_load_test(postgresql):
    from safeplan.people.tests.conftest import World

    World()
    call_command("seed", people=5, stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
    before = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="outside the load-test organisation"):
        call_command("seed_audit", rows=10)
    assert AuditEvent.objects.count() == before


def test_it_refuses_sqlite_and_a_count_below_one():
    if connection.vendor == "postgresql":
        with pytest.raises(CommandError, match="above 0"):
            call_command("seed_audit", rows=0)
    else:
        with pytest.raises(CommandError, match="PostgreSQL"):
            call_command("seed_audit", rows=10)
