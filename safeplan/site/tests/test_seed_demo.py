"""The demo's people can be told apart, each login is the person it belongs to, and the printed table says who each
login is (issue 9, item 8)."""

from io import StringIO

import pytest
from django.core.management import call_command

from safeplan.people.models import Person, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def printed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_each_person_who_signs_in_has_the_login_of_the_name_they_go_by(printed):
    for person in Person.objects.filter(user__is_active=True).select_related("user"):
        assert person.user.username == person.name_to_use.lower() or person.user.username == (
            person.full_name.split()[0].lower()
        ), person
        assert person.user.display_name == person.full_name


def test_no_two_people_and_no_person_and_staff_member_share_a_first_or_chosen_name(printed):
    def names(full_name: str, called: str = "") -> set[str]:
        return {full_name.split()[0].lower()} | ({called.lower()} if called else set())

    seen: dict[str, str] = {}
    for user in User.objects.filter(person_record=None, is_active=True):
        for name in names(user.display_name):
            seen.setdefault(name, user.display_name)
    for person in Person.objects.exclude(care_relationships__team__name__contains="locality"):
        for name in names(person.full_name, person.preferred_name):
            assert name not in seen or seen[name] == person.full_name, (person.full_name, seen.get(name))
            seen[name] = person.full_name


def test_the_printed_table_names_who_every_login_is(printed):
    lines = printed.splitlines()
    assert any(line.split()[:3] == ["login", "who", "role"] for line in lines)
    for user in User.objects.filter(is_active=True):  # the locality teams' synthetic accounts cannot sign in
        row = next((line for line in lines if line.split()[:1] == [user.username]), None)
        assert row is not None, f"{user.username} is not in the table"
        assert user.display_name.split()[0] in row
    person_rows = [line for line in lines if "person using the service" in line]
    assert {row.split()[0] for row in person_rows} == {"rowan", "lee", "kit"}


def test_the_demo_has_one_thing_withheld_from_rowan_past_its_review_for_jordan_to_look_at(printed):
    from safeplan.people.withholding import Withholding, past_review_for

    row = Withholding.objects.current().get(person__user__is_active=True)
    assert (row.person.full_name, row.object_type, row.decided_by.username) == ("Rowan Ellison", "plan_entry", "priya")
    assert past_review_for(User.objects.get(username="jordan")) == [row]
    assert past_review_for(User.objects.get(username="taylor")) == []
