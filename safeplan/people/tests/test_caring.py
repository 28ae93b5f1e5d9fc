"""The care relationships a staff read starts from, read with SQL written once (people/caring.py), against the rule
in the ORM (`CareRelationship.objects.active()`): the same relationships, the same order, the same objects."""

import json
from datetime import date, timedelta

from django.db.models import Model
from django.utils import timezone

from safeplan.people.caring import caring_now
from safeplan.people.models import CareRelationship, Organisation, Person, Team
from safeplan.people.tests.factories import CareRelationshipFactory, StaffRoleFactory, TeamFactory


def field_values(instance: Model) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_the_relationships_active_today_are_the_ones_the_orm_rule_finds_in_its_order(world):
    today = timezone.localdate()
    for name, started, ended in [
        ("Zebra crisis team", today - timedelta(days=30), None),
        ("Another ended yesterday", today - timedelta(days=30), today - timedelta(days=1)),
        ("Ends today", today - timedelta(days=30), today),
        ("Starts tomorrow", today + timedelta(days=1), None),
        ("Starts today", today, None),
    ]:
        team = TeamFactory(organisation=world.org, name=name)
        CareRelationshipFactory(person=world.person, team=team, started_on=started, ended_on=ended)
    rule = CareRelationship.objects.active().filter(person=world.person).order_by("team__name", "id")
    expected = [(r.pk, r.team.name) for r in rule.select_related("team")]
    found = caring_now(world.person.pk)
    assert [(r.pk, r.team.name) for r in found] == expected
    assert "Another ended yesterday" not in {name for _pk, name in expected}
    assert "Starts tomorrow" not in {name for _pk, name in expected}
    assert {"Ends today", "Starts today", "Zebra crisis team"} <= {name for _pk, name in expected}


def test_each_object_is_what_the_orm_would_have_made_and_the_person_is_one_object(world, django_assert_num_queries):
    TeamFactory(organisation=world.org)
    CareRelationshipFactory(person=world.person, team=TeamFactory(organisation=world.org, name="A second team"))
    with django_assert_num_queries(1):
        found = caring_now(world.person.pk, with_members=True)
        assert len(found) == 2
        assert found[0].person is found[1].person
        assert isinstance(found[0].person.organisation, Organisation)
        assert all(isinstance(r.team, Team) and isinstance(r.started_on, date) for r in found)
        assert all(isinstance(r.members_json, str) for r in found)
    for relationship in found:
        assert field_values(relationship) == field_values(CareRelationship.objects.get(pk=relationship.pk))
        assert field_values(relationship.team) == field_values(Team.objects.get(pk=relationship.team_id))
    person = found[0].person
    assert field_values(person) == field_values(Person.objects.get(pk=world.person.pk))
    assert field_values(person.organisation) == field_values(Organisation.objects.get(pk=world.org.pk))
    assert person._state.adding is False and person._state.db == "default"


def test_the_members_of_each_team_come_with_it_by_name_and_only_active_staff(world):
    StaffRoleFactory(team=world.care.team, organisation=world.org, user__display_name="Aled Jones")
    gone = StaffRoleFactory(team=world.care.team, organisation=world.org, user__display_name="Left Already")
    gone.user.is_active = False
    gone.user.save()
    (relationship,) = caring_now(world.person.pk, with_members=True)
    names = [member[0] for member in json.loads(relationship.members_json)]
    assert names[0] == "Aled Jones"
    assert "Left Already" not in names
    assert str(world.practitioner) in names and str(world.lead) in names


def test_nobody_cares_for_a_person_who_does_not_exist_or_whose_care_ended(world):
    assert caring_now("00000000-0000-0000-0000-000000000000") == []
    world.care.ended_on = timezone.localdate() - timedelta(days=1)
    world.care.save()
    assert caring_now(world.person.pk) == []
