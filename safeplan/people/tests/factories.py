"""Test factories (factory_boy). Synthetic people only."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from safeplan.people.generator import synthetic_nhs_number
from safeplan.people.models import (
    CareRelationship,
    Organisation,
    Person,
    StaffRole,
    SupportRelationship,
    Team,
    User,
)

PASSWORD = "correct-horse-battery-staple"


def _nhs_number(n: int) -> str:
    index = n * 7 + 31
    while (number := synthetic_nhs_number(index)) is None:
        index += 1
    return number


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Trust {n}")


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"Test User {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffRoleFactory(DjangoModelFactory):
    class Meta:
        model = StaffRole

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    organisation = factory.LazyAttribute(lambda o: o.team.organisation if o.team else OrganisationFactory())
    role = StaffRole.Role.PRACTITIONER


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.Sequence(lambda n: f"Synthetic Person {n}")
    date_of_birth = factory.LazyFunction(lambda: date(1990, 1, 1))
    nhs_number = factory.Sequence(_nhs_number)


class CareRelationshipFactory(DjangoModelFactory):
    class Meta:
        model = CareRelationship

    team = factory.SubFactory(TeamFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..team.organisation"))
    started_on = date(2026, 1, 1)


class SupportRelationshipFactory(DjangoModelFactory):
    class Meta:
        model = SupportRelationship

    user = factory.SubFactory(UserFactory)
    person = factory.SubFactory(PersonFactory)
    kind = SupportRelationship.Kind.SUPPORTER


def practitioner_for(person: Person, role: str = StaffRole.Role.PRACTITIONER) -> User:
    """A practitioner in a team that cares for this person."""
    care = CareRelationshipFactory(person=person, team=TeamFactory(organisation=person.organisation))
    return StaffRoleFactory(team=care.team, organisation=person.organisation, role=role).user
