"""The second factor at sign-in (ADR 0007): staff must set up an authenticator app and enter a code before any page;
people and supporters may choose to; recovery codes work once and are kept only as hashes; wrong codes are counted
and lock for the cool-off; an administrator's reset is audited; the demo signs in with its published key.

The root conftest.py turns the second factor off for every other test; these turn it back on."""

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeplan.audit.models import AuditEvent
from safeplan.audit.services import Actor
from safeplan.people import second_factor
from safeplan.people.models import RecoveryCode, StaffRole, User
from safeplan.people.tests.factories import PASSWORD, StaffRoleFactory

pytestmark = pytest.mark.django_db
ACTOR = Actor(user_id=None, name="test", role="system")


@pytest.fixture(autouse=True)
def second_factor_on(settings):
    settings.SAFEPLAN_REQUIRE_SECOND_FACTOR = True


@pytest.fixture
def clock():
    """A stopped clock that tests move on: a TOTP code is accepted once per 30-second step."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key):06d}"


def staff(role: str = StaffRole.Role.PRACTITIONER) -> User:
    team_roles = {StaffRole.Role.PRACTITIONER, StaffRole.Role.TEAM_LEAD}
    if role in team_roles:
        return StaffRoleFactory(role=role).user
    return StaffRoleFactory(role=role, team=None).user


def with_app(user: User) -> tuple[TOTPDevice, list[str]]:
    """The user has set up an app (as the set-up page does) and holds its ten recovery codes."""
    device = second_factor.pending_device(user)
    codes = second_factor.confirm_enrolment(actor=ACTOR, user=user, device=device, code=code_for(device))
    device.refresh_from_db()
    return device, codes


def signed_in_with_password(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def verified(user: User, device: TOTPDevice, clock) -> Client:
    clock.shift(timedelta(seconds=30))
    client = signed_in_with_password(user)
    response = client.post(reverse("second_factor_verify"), {"code": code_for(device)})
    assert response.status_code == 302, response.content.decode()
    return client


def shown_codes(response) -> list[str]:
    """The recovery codes on the page."""
    listed = re.search(r'<ul class="nhsuk-list" id="recovery-codes">(.*?)</ul>', response.content.decode(), re.S)
    return re.findall(r"<code>([a-z0-9-]+)</code>", listed.group(1)) if listed else []


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type="second_factor", action=action))


def all_database_text() -> str:
    """Every text value in the tables the second factor writes, and the audit trail."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT code_hash FROM people_recoverycode")
        rows = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT reason, object_id FROM audit_auditevent")
        rows += [value for row in cursor.fetchall() for value in row]
    return "\n".join(rows)


# --- Staff must set it up, and enter a code before any page


@pytest.mark.parametrize("role", list(StaffRole.Role))
def test_staff_without_an_app_are_sent_to_set_one_up_and_cannot_reach_the_caseload(role):
    user = staff(role)
    client = signed_in_with_password(user)
    response = client.get(reverse("caseload"))
    assert response.status_code == 302
    assert response["Location"] == reverse("second_factor_set_up") + "?next=%2Fcaseload%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Set up two-step verification" in html
    secret = second_factor.secret_in_words(TOTPDevice.objects.get(user=user, confirmed=False))
    assert secret in html  # the secret in text, for typing in by hand
    assert client.get(reverse("home")).status_code == 302
    assert client.get(reverse("password_change")).status_code == 302


def test_signing_in_with_the_password_leads_a_new_member_of_staff_to_set_up_the_app():
    user = staff()
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("second_factor_set_up"))


def test_pages_without_personal_data_stay_open_before_the_second_factor():
    client = signed_in_with_password(staff())
    assert client.get(reverse("health")).status_code == 200
    assert client.get(reverse("about_records")).status_code == 200
    assert client.get(reverse("second_factor_set_up")).status_code == 200
    signed_out = client.post(reverse("logout"))
    assert signed_out.status_code == 302 and signed_out["Location"] == reverse("login")


def test_setting_up_needs_a_correct_code(clock):
    user = staff()
    client = signed_in_with_password(user)
    client.get(reverse("second_factor_set_up"))
    device = TOTPDevice.objects.get(user=user)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    refused = client.post(reverse("second_factor_set_up"), {"code": wrong, "next": "/caseload/"})
    assert refused.status_code == 422
    assert "The code is not right" in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("caseload")).status_code == 302

    clock.shift(timedelta(seconds=5))  # past django-otp's back-off after one wrong code
    response = client.post(reverse("second_factor_set_up"), {"code": code_for(device), "next": "/caseload/"})
    assert response.status_code == 200
    assert "Save your recovery codes" in response.content.decode()
    assert len(shown_codes(response)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("caseload")).status_code == 200
    assert [e.reason for e in events("create")] == ["authenticator app set up; 10 recovery codes issued"]


def test_an_empty_code_is_refused_with_the_plain_english_message():
    user = staff()
    device, _ = with_app(user)
    response = signed_in_with_password(user).post(reverse("second_factor_verify"), {"code": ""})
    assert response.status_code == 422
    assert "Enter the 6-digit code from your authenticator app" in response.content.decode()


def test_staff_with_an_app_must_enter_a_code_before_any_page():
    user = staff()
    with_app(user)
    client = signed_in_with_password(user)
    response = client.get(reverse("caseload"))
    assert response["Location"] == reverse("second_factor_verify") + "?next=%2Fcaseload%2F"
    # and cannot set up a second app, or get new recovery codes, with the password alone
    assert client.get(reverse("second_factor_set_up"))["Location"].startswith(reverse("second_factor_verify"))
    before = set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
    assert client.post(reverse("second_factor_new_recovery_codes")).status_code == 302
    assert set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True)) == before
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_a_wrong_code_is_refused_and_audited_without_the_code(clock):
    user = staff()
    device, _ = with_app(user)
    clock.shift(timedelta(seconds=30))
    client = signed_in_with_password(user)
    wrong = "123456" if code_for(device) != "123456" else "654321"
    response = client.post(reverse("second_factor_verify"), {"code": wrong})
    assert response.status_code == 422
    assert client.get(reverse("caseload")).status_code == 302
    [denied] = events("denied")
    assert denied.actor_id == user.pk and denied.object_id == str(user.pk)
    assert denied.reason == "sign-in: wrong code"
    assert wrong not in all_database_text()


def test_a_correct_code_lets_them_in_to_the_page_they_asked_for(clock):
    user = staff()
    device, _ = with_app(user)
    clock.shift(timedelta(seconds=30))
    client = signed_in_with_password(user)
    asked = client.get(reverse("caseload"))
    response = client.post(asked["Location"], {"code": code_for(device), "next": "/caseload/"})
    assert response.status_code == 302 and response["Location"] == "/caseload/"
    assert client.get(reverse("caseload")).status_code == 200
    [signed_in] = [e for e in events("update") if e.actor_id == user.pk]
    assert signed_in.reason == "signed in with the authenticator app"


def test_the_same_code_does_not_work_twice(clock):
    user = staff()
    device, _ = with_app(user)
    clock.shift(timedelta(seconds=30))
    code = code_for(device)
    assert signed_in_with_password(user).post(reverse("second_factor_verify"), {"code": code}).status_code == 302
    assert signed_in_with_password(user).post(reverse("second_factor_verify"), {"code": code}).status_code == 422


def test_a_next_address_on_another_site_is_ignored(clock):
    user = staff()
    device, _ = with_app(user)
    clock.shift(timedelta(seconds=30))
    client = signed_in_with_password(user)
    response = client.post(
        reverse("second_factor_verify"), {"code": code_for(device), "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/"


# --- Recovery codes


def test_a_recovery_code_works_in_place_of_the_app_once_only():
    user = staff()
    _, codes = with_app(user)
    first = signed_in_with_password(user)
    response = first.post(reverse("second_factor_verify"), {"code": codes[0], "next": "/caseload/"})
    assert response.status_code == 302
    assert first.get(reverse("caseload")).status_code == 200
    assert [e.reason for e in events("update")][-1] == "signed in with a recovery code; 9 left"

    again = signed_in_with_password(user)
    assert again.post(reverse("second_factor_verify"), {"code": codes[0]}).status_code == 422
    assert again.get(reverse("caseload")).status_code == 302
    # typed without the hyphen, in capitals, another code still works
    assert again.post(reverse("second_factor_verify"), {"code": codes[1].replace("-", "").upper()}).status_code == 302


def test_recovery_codes_are_stored_hashed_and_shown_only_once(clock):
    user = staff()
    client = signed_in_with_password(user)
    client.get(reverse("second_factor_set_up"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("second_factor_set_up"), {"code": code_for(device)})
    codes = shown_codes(response)
    assert len(set(codes)) == 10
    stored = list(RecoveryCode.objects.filter(user=user))
    assert len(stored) == 10
    text = all_database_text()
    for code in codes:
        assert code not in text and code.replace("-", "") not in text
    assert all(row.code_hash.startswith("md5$") for row in stored)  # the project's password hasher (MD5 in tests)
    # no page shows them again
    for page in ["second_factor_manage", "second_factor_set_up", "home"]:
        assert codes[0] not in client.get(reverse(page), follow=True).content.decode()


def test_new_recovery_codes_replace_the_old_ones(clock):
    user = staff()
    device, old = with_app(user)
    client = verified(user, device, clock)
    response = client.post(reverse("second_factor_new_recovery_codes"))
    new = shown_codes(response)
    assert len(new) == 10 and not set(new) & set(old)
    assert signed_in_with_password(user).post(reverse("second_factor_verify"), {"code": old[0]}).status_code == 422
    assert signed_in_with_password(user).post(reverse("second_factor_verify"), {"code": new[0]}).status_code == 302


# --- Throttling


def test_wrong_codes_lock_the_second_factor_for_the_cool_off(settings, clock):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    user = staff()
    device, codes = with_app(user)
    client = signed_in_with_password(user)
    for attempt in range(5):
        clock.shift(timedelta(seconds=60))  # well past django-otp's own back-off, so only our count stops them
        wrong = "abcde-fghjk" if attempt % 2 else ("000000" if code_for(device) != "000000" else "111111")
        response = client.post(reverse("second_factor_verify"), {"code": wrong})
    assert response.status_code == 429
    assert "Wait 15 minutes" in response.content.decode()
    # while locked, even a right code or a recovery code does not work: nothing can be guessed
    clock.shift(timedelta(seconds=60))
    assert client.post(reverse("second_factor_verify"), {"code": code_for(device)}).status_code == 429
    assert client.post(reverse("second_factor_verify"), {"code": codes[0]}).status_code == 429
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=True).count() == 10
    assert [e.reason for e in events("denied")][-3:] == [
        "sign-in: wrong code; locked for 15 minutes",
        "sign-in: refused while locked",
        "sign-in: refused while locked",
    ]
    clock.shift(timedelta(minutes=15))
    assert client.post(reverse("second_factor_verify"), {"code": code_for(device)}).status_code == 302


def test_a_code_straight_after_a_wrong_one_is_held_back_by_the_apps_own_back_off(clock):
    user = staff()
    device, _ = with_app(user)
    clock.shift(timedelta(seconds=30))
    client = signed_in_with_password(user)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    client.post(reverse("second_factor_verify"), {"code": wrong})
    response = client.post(reverse("second_factor_verify"), {"code": code_for(device)})
    assert response.status_code == 422
    assert "Wait a few seconds" in response.content.decode()
    clock.shift(timedelta(seconds=2))
    assert client.post(reverse("second_factor_verify"), {"code": code_for(device)}).status_code == 302


# --- An administrator's reset


def test_an_administrator_reset_removes_the_app_and_codes_and_is_audited(clock):
    administrator = staff(StaffRole.Role.ADMINISTRATOR)
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    admin_device, _ = with_app(administrator)
    clinician = staff()
    device, _ = with_app(clinician)
    clinicians_session = verified(clinician, device, clock)
    admin = verified(administrator, admin_device, clock)

    response = admin.post(
        reverse("admin:people_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [clinician.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=clinician).exists()
    assert not RecoveryCode.objects.filter(user=clinician).exists()
    [reset] = [e for e in events("update") if e.reason == "reset by an administrator"]
    assert (reset.actor_id, reset.object_id, reset.purpose) == (administrator.pk, str(clinician.pk), "administration")
    # their sessions end, and at the next sign-in they set up a new app
    assert clinicians_session.get(reverse("caseload"))["Location"].startswith(reverse("login"))
    clinician.refresh_from_db()
    again = signed_in_with_password(clinician)
    assert again.get(reverse("caseload"))["Location"].startswith(reverse("second_factor_set_up"))


def test_an_administrator_must_pass_the_second_factor_to_reach_admin():
    administrator = staff(StaffRole.Role.ADMINISTRATOR)
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    with_app(administrator)
    response = signed_in_with_password(administrator).get(reverse("admin:people_user_changelist"))
    assert response["Location"].startswith(reverse("second_factor_verify"))


def test_django_otps_own_device_admin_which_shows_secrets_is_not_offered():
    from django.contrib import admin

    assert not admin.site.is_registered(TOTPDevice)


# --- Optional for people and supporters


def test_a_person_is_not_made_to_set_up_a_second_factor_but_can(world, clock):
    person = world.person.user
    client = signed_in_with_password(person)
    assert client.get(reverse("your_record")).status_code == 200
    manage = client.get(reverse("second_factor_manage"))
    assert "Two-step verification is off" in manage.content.decode()
    assert reverse("second_factor_manage") in client.get(reverse("password_change")).content.decode()

    client.get(reverse("second_factor_set_up"))
    device = TOTPDevice.objects.get(user=person)
    response = client.post(reverse("second_factor_set_up"), {"code": code_for(device)})
    assert response.status_code == 200 and len(shown_codes(response)) == 10
    # from now on they enter a code too
    clock.shift(timedelta(seconds=30))
    later = signed_in_with_password(person)
    assert later.get(reverse("your_record"))["Location"].startswith(reverse("second_factor_verify"))
    assert later.post(reverse("second_factor_verify"), {"code": code_for(device)}).status_code == 302
    assert later.get(reverse("your_record")).status_code == 200


def test_a_supporter_is_not_made_to_set_up_a_second_factor(world):
    assert signed_in_with_password(world.supporter).get(reverse("supporting")).status_code == 200


def test_a_person_can_turn_it_off_with_a_code_but_staff_cannot(world, clock):
    person = world.person.user
    device, _ = with_app(person)
    client = verified(person, device, clock)
    clock.shift(timedelta(seconds=30))
    response = client.post(reverse("second_factor_turn_off"), {"code": code_for(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert events("update")[-1].reason == "turned off by the user"

    clinician = staff()
    clinician_device, _ = with_app(clinician)
    clinicians = verified(clinician, clinician_device, clock)
    clock.shift(timedelta(seconds=30))
    refused = clinicians.post(reverse("second_factor_turn_off"), {"code": code_for(clinician_device)})
    assert refused.status_code == 404
    assert TOTPDevice.objects.filter(user=clinician).exists()


# --- Emergency access is unaffected once signed in (hazard H20)


def test_emergency_access_needs_no_further_code_once_signed_in(world, clock):
    practitioner = world.other_practitioner
    device, _ = with_app(practitioner)
    client = verified(practitioner, device, clock)
    response = client.post(
        reverse("break_glass_start"),
        {"nhs_number": world.person.nhs_number, "reason": "Rang the crisis line and asked us to check contacts."},
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_someone_who_uses_their_last_recovery_code_is_told_to_get_more():
    user = staff()
    _, codes = with_app(user)
    for code in codes[:9]:
        assert signed_in_with_password(user).post(reverse("second_factor_verify"), {"code": code}).status_code == 302
    client = signed_in_with_password(user)
    response = client.post(reverse("second_factor_verify"), {"code": codes[9]}, follow=True)
    assert "You used your last recovery code" in response.content.decode()


# --- The demo


def test_seed_demo_gives_staff_the_demo_key_and_demo_code_prints_a_code_that_works(settings):
    from safeplan.site.management.commands.seed_demo import DEMO_TOTP_KEY, demo_totp_key_hex

    printed = StringIO()
    call_command("seed_demo", stdout=printed)
    assert DEMO_TOTP_KEY in printed.getvalue() and "uv run safeplan demo_code" in printed.getvalue()
    staff_users = User.objects.filter(staff_roles__isnull=False).distinct()
    assert staff_users.count() == 7
    for user in staff_users:
        device = TOTPDevice.objects.get(user=user)
        assert device.confirmed and device.key == demo_totp_key_hex()
    assert not TOTPDevice.objects.filter(user__staff_roles__isnull=True).exists()  # people and supporters: their choice

    out = StringIO()
    call_command("demo_code", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    client = signed_in_with_password(User.objects.get(username="priya"))
    assert client.post(reverse("second_factor_verify"), {"code": code}).status_code == 302
    assert client.get(reverse("caseload")).status_code == 200

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="demo only"):
        call_command("demo_code", stdout=StringIO())


def test_seeding_again_keeps_each_staff_members_app(settings):
    call_command("seed_demo", stdout=StringIO())
    before = dict(TOTPDevice.objects.values_list("user_id", "pk"))
    call_command("seed_demo", stdout=StringIO())
    assert dict(TOTPDevice.objects.values_list("user_id", "pk")) == before
