import pytest
from django.core.management import call_command

from safeplan.people.tests.conftest import World


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo's world (`seed_demo`), once for a module's tests, emptied after them."""
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
        yield
        call_command("flush", interactive=False, verbosity=0)
