"""Sessions end on sign-out, password change, account disable, and after idle and absolute time limits."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.services import Actor
from safeplan.people.services import disable_account
from safeplan.people.tests.factories import PASSWORD, PersonFactory, practitioner_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner():
    return practitioner_for(PersonFactory())


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(reverse("caseload")).status_code == 200
    return client


def is_signed_out(client: Client) -> bool:
    response = client.get(reverse("caseload"))
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_signing_out_ends_every_session_of_that_user(practitioner):
    laptop, phone = signed_in(practitioner), signed_in(practitioner)
    laptop.post(reverse("logout"))
    assert is_signed_out(laptop)
    assert is_signed_out(phone)


def test_signing_out_does_not_end_other_users_sessions(practitioner):
    colleague = practitioner_for(PersonFactory())
    mine, theirs = signed_in(practitioner), signed_in(colleague)
    mine.post(reverse("logout"))
    assert not is_signed_out(theirs)


def test_changing_password_ends_every_other_session_and_keeps_this_one(practitioner):
    laptop, phone = signed_in(practitioner), signed_in(practitioner)
    new = "a-much-longer-new-passphrase-2026"
    response = laptop.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert not is_signed_out(laptop)
    assert is_signed_out(phone)


def test_disabling_an_account_ends_its_sessions_at_once(practitioner):
    client = signed_in(practitioner)
    disable_account(actor=Actor(None, "admin", "administrator"), user=practitioner)
    assert is_signed_out(client)


def test_idle_for_thirty_minutes_signs_you_out(practitioner, settings):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = signed_in(practitioner)
        traveller.shift(timedelta(minutes=29))
        assert not is_signed_out(client)  # activity: the idle clock starts again
        traveller.shift(timedelta(minutes=29))
        assert not is_signed_out(client)
        traveller.shift(settings.SESSION_IDLE_TIMEOUT + timedelta(minutes=1))
        response = client.get(reverse("caseload"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
        page = client.get(response["Location"]).content.decode()
        assert "signed out because you had not done anything for a while" in page


def test_twelve_hours_after_signing_in_you_are_signed_out_even_when_active(practitioner):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = signed_in(practitioner)
        elapsed = timedelta(0)
        while not is_signed_out(client):  # active every 20 minutes
            traveller.shift(timedelta(minutes=20))
            elapsed += timedelta(minutes=20)
            assert elapsed < timedelta(hours=13), "still signed in after 13 hours"
        assert elapsed > timedelta(hours=12)


def test_signing_in_with_a_wrong_password_shows_an_error_and_returns_422(client, practitioner):
    response = client.post(reverse("login"), {"username": practitioner.username, "password": "wrong"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "There is a problem" in page and "Enter a correct username and password" in page
    assert "<title>Error: Sign in" in page


def test_signing_in_works_with_the_right_password(client, practitioner):
    response = client.post(reverse("login"), {"username": practitioner.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("caseload")).status_code == 200


def test_too_many_failed_sign_ins_lock_the_account_for_a_while(client, practitioner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": practitioner.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": practitioner.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "tried to sign in too many times" in response.content.decode()
    assert client.get(reverse("caseload")).status_code == 302


def test_pages_need_sign_in(client):
    for name in ["caseload", "your_record", "break_glass_start", "break_glass_review", "supporting", "home"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), name
