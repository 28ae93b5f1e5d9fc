"""Layout: the organisation in the header, the NHS logo only for NHS bodies, and each role's start page."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from safeplan.people.models import Organisation, Person, StaffRole, SupportRelationship, User
from safeplan.people.tests.factories import PersonFactory, practitioner_for

pytestmark = pytest.mark.django_db

NHS_LOGO = 'aria-label="NHS"'


def caseload_page_for(is_nhs_body: bool) -> str:
    person = PersonFactory(organisation__name="Northmoor Test Trust", organisation__is_nhs_body=is_nhs_body)
    client = Client()
    client.force_login(practitioner_for(person))
    return client.get(reverse("caseload")).content.decode()


def test_header_shows_the_organisation_name():
    assert "Northmoor Test Trust" in caseload_page_for(is_nhs_body=False)


def test_the_nhs_logo_appears_only_for_an_nhs_body():
    assert NHS_LOGO in caseload_page_for(is_nhs_body=True)
    page = caseload_page_for(is_nhs_body=False)
    assert NHS_LOGO not in page
    assert 'alt="safeplan"' in page


def test_about_your_record_is_plain_and_open_to_everyone(client):
    page = client.get(reverse("about_records")).content.decode()
    assert "Who can see it" in page and "Why it is kept" in page


def test_health_check_needs_no_sign_in(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.content == b"ok"


def test_demo_seed_makes_a_login_for_every_role_and_each_lands_on_a_working_page(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for username in ["priya", "jordan", "taylor", "rowan", "casey", "avery", "oversight", "admin"]:
        assert f"  {username}" in out
    org = Organisation.objects.get()
    demo_teams = ["Riverside community team", "Hillside home treatment team"]
    assert (
        Person.objects.filter(organisation=org, care_relationships__team__name__in=demo_teams).distinct().count() == 20
    )
    # and two locality teams of synthetic people with a year of history, for the oversight measures
    assert Person.objects.filter(organisation=org, care_relationships__team__name__contains="locality").count() == 800
    assert StaffRole.objects.filter(role="team_lead").count() == 2
    assert SupportRelationship.objects.filter(kind="advocate").count() == 1
    expected = {
        "priya": "Your caseload",
        "taylor": "Your caseload",
        "rowan": "Your record",
        "casey": "People you support",
        "avery": "People you support",
        "oversight": "Welcome",
        "admin": "safeplan administration",
    }
    for username, heading in expected.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        response = client.get(reverse("home"), follow=True)
        assert response.status_code == 200, username
        assert heading in response.content.decode(), username
    call_command("seed_demo")  # a second run changes nothing
    assert Organisation.objects.count() == 1


def test_seed_makes_a_large_synthetic_data_set_with_valid_nhs_numbers(capsys):
    from safeplan.people.models import validate_nhs_number

    call_command("seed", people=1200)
    people = Person.objects.all()
    assert people.count() == 1200
    assert people.values("nhs_number").distinct().count() == 1200
    for person in people[:50]:
        validate_nhs_number(person.nhs_number)
        assert person.nhs_number.startswith("9")
    assert "1200/1200" in capsys.readouterr().err
    user = User.objects.get(username="load1-practitioner-0001")
    from safeplan.people.access import caseload_for

    assert caseload_for(user).count() == 500
