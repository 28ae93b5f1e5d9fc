import pytest

from safeplan.people.tests.factories import (
    CareRelationshipFactory,
    PersonFactory,
    StaffRoleFactory,
    SupportRelationshipFactory,
    TeamFactory,
    UserFactory,
)


class World:
    """A person cared for by one team, and everyone around them who must not see their record."""

    def __init__(self):
        self.care = CareRelationshipFactory()
        self.person = self.care.person
        self.org = self.person.organisation
        self.person.user = UserFactory(username="the-person")
        self.person.save()
        self.practitioner = StaffRoleFactory(team=self.care.team, organisation=self.org).user
        self.lead = StaffRoleFactory(team=self.care.team, organisation=self.org, role="team_lead").user
        other_team = TeamFactory(organisation=self.org)
        self.other_practitioner = StaffRoleFactory(team=other_team, organisation=self.org).user
        self.other_lead = StaffRoleFactory(team=other_team, organisation=self.org, role="team_lead").user
        self.oversight = StaffRoleFactory(team=None, organisation=self.org, role="oversight").user
        self.administrator = StaffRoleFactory(team=None, organisation=self.org, role="administrator").user
        self.administrator.is_staff = True
        self.administrator.save()
        self.other_person = PersonFactory(organisation=self.org, user=UserFactory())
        CareRelationshipFactory(person=self.other_person, team=other_team)
        self.supporter_of_other = SupportRelationshipFactory(person=self.other_person).user
        self.supporter = SupportRelationshipFactory(person=self.person).user
        self.advocate = SupportRelationshipFactory(person=self.person, kind="advocate").user

    def outsiders(self) -> dict:
        """Everyone who has no right to this person's record."""
        return {
            "another team's practitioner": self.other_practitioner,
            "another team's lead": self.other_lead,
            "oversight": self.oversight,
            "administrator": self.administrator,
            "another person": self.other_person.user,
            "someone else's supporter": self.supporter_of_other,
            "the person's supporter (nothing shared)": self.supporter,
            "the person's advocate (nothing shared)": self.advocate,
        }


@pytest.fixture
def world(db) -> World:
    return World()
