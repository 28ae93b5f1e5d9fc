"""Bad input in every form gets a clear error naming the field, and nothing is saved."""

import pytest
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.people.models import BreakGlassGrant, Person, validate_nhs_number
from safeplan.people.tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

REASON = "Called by the crisis line about this person tonight."


@pytest.mark.parametrize(
    ("nhs_number", "message"),
    [
        ("12345", "10 digits"),
        ("abcdefghij", "10 digits"),
        ("943 476 591", "10 digits"),
        ("9434765918", "check digit is wrong"),
        ("94347659190", "10 digits"),
        ("", "This field is required"),
    ],
)
def test_malformed_nhs_numbers_are_refused_in_emergency_access(client, world, nhs_number, message):
    client.force_login(world.other_practitioner)
    response = client.post(reverse("break_glass_start"), {"nhs_number": nhs_number, "reason": REASON})
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page
    assert 'href="#id_nhs_number"' in page  # the error summary links to the field
    assert not BreakGlassGrant.objects.exists()
    assert not AuditEvent.objects.filter(action="break_glass_start").exists()


def test_an_over_long_reason_is_refused_and_nothing_saved(client, world):
    client.force_login(world.other_practitioner)
    response = client.post(reverse("break_glass_start"), {"nhs_number": world.person.nhs_number, "reason": "x" * 1001})
    assert response.status_code == 422
    assert "Ensure this value has at most 1000 characters" in response.content.decode()
    assert 'href="#id_reason"' in response.content.decode()
    assert not BreakGlassGrant.objects.exists()


def test_a_too_short_reason_is_refused(client, world):
    client.force_login(world.other_practitioner)
    response = client.post(reverse("break_glass_start"), {"nhs_number": world.person.nhs_number, "reason": "need"})
    assert response.status_code == 422
    assert "at least 10 characters" in response.content.decode()


def test_an_over_long_caseload_search_is_refused_with_the_field_named(client, world):
    client.force_login(world.practitioner)
    response = client.get(reverse("caseload"), {"q": "x" * 101})
    assert response.status_code == 422
    assert 'href="#id_q"' in response.content.decode()


def test_a_wrong_type_in_the_access_log_paging_is_ignored_safely(client, world):
    client.force_login(world.person.user)
    assert client.get(reverse("your_record"), {"before": "not-a-number"}).status_code == 200
    assert client.get(reverse("your_record"), {"before": "-5"}).status_code == 200


def test_an_over_long_review_note_is_refused_and_not_saved(client, world):
    client.force_login(world.other_practitioner)
    client.post(reverse("break_glass_start"), {"nhs_number": world.person.nhs_number, "reason": REASON})
    grant = BreakGlassGrant.objects.get()
    client.force_login(world.other_lead)
    response = client.post(
        reverse("break_glass_review_one", kwargs={"grant_id": grant.pk}),
        {f"review-{grant.pk}-note": "x" * 1001},
        follow=True,
    )
    assert "could not be saved" in response.content.decode()
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_password_change_with_mismatched_passwords_names_the_field_and_keeps_the_old_password(client, world):
    client.force_login(world.practitioner)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "first-long-passphrase", "new_password2": "second-passphrase"},
    )
    assert response.status_code == 422
    assert 'href="#id_new_password2"' in response.content.decode()
    world.practitioner.refresh_from_db()
    assert world.practitioner.check_password(PASSWORD)


def test_validate_nhs_number_accepts_a_valid_synthetic_number():
    validate_nhs_number(PersonFactory.build().nhs_number)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nhs_number", "1234567890", "check digit"),
        ("nhs_number", "12ab", "10 digits"),
        ("full_name", "x" * 201, "at most 200 characters"),
        ("date_of_birth", "31/02/1990", "Enter a valid date"),
        ("date_of_birth", "2999-01-01", "must be in the past"),
    ],
)
def test_admin_person_form_refuses_bad_input_naming_the_field(admin_client, world, field, value, message):
    data = {
        "organisation": world.org.pk,
        "full_name": "Synthetic Newcomer",
        "date_of_birth": "1990-05-01",
        "nhs_number": "",
        "preferred_language": "English",
        field: value,
    }
    count = Person.objects.count()
    response = admin_client.post(reverse("admin:people_person_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors and message in " ".join(errors[field])
    assert Person.objects.count() == count
