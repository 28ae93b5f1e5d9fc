import pytest

from safeplan.people.tests.conftest import World


@pytest.fixture
def world(db) -> World:
    return World()
