"""The user backend: a signed-in user is read with their record, and sessions signed in before it keep working."""

import importlib

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeplan.people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
rename_migration = importlib.import_module("safeplan.people.migrations.0010_sessions_name_the_user_backend")


def test_a_person_signed_in_reads_their_own_record_with_no_statement_to_find_it(client):
    person = PersonFactory(user=UserFactory())
    client.force_login(person.user)
    client.get(reverse("your_record"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("your_record")).status_code == 200
    assert not [q for q in captured.captured_queries if 'FROM "people_person"' in q["sql"]]


def test_a_session_signed_in_before_the_user_backend_stays_signed_in(client):
    from django.apps import apps

    person = PersonFactory(user=UserFactory())
    store = SessionStore()
    store[SESSION_KEY] = str(person.user.pk)
    store[BACKEND_SESSION_KEY] = rename_migration.OLD
    store["_auth_user_hash"] = person.user.get_session_auth_hash()
    store.create()
    rename_migration.rename(apps, None)
    assert SessionStore(session_key=store.session_key).load()[BACKEND_SESSION_KEY] == rename_migration.NEW
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    assert client.get(reverse("your_record")).status_code == 200
