import pytest

from safeplan.people.access import resolve_access
from safeplan.people.tests.conftest import World
from safeplan.plans import services
from safeplan.plans.models import Mode, Plan, PlanTemplate, Voice


def writer(user, person) -> services.Writer:
    access = resolve_access(user, person.pk)
    assert access is not None, "this user has no access to the record"
    return services.Writer(user, access)


class PlanWorld(World):
    """The foundation's world, with a person-centred plan started by the practitioner."""

    def __init__(self):
        super().__init__()
        self.template = PlanTemplate.objects.get(organisation=None, key="person-centred", version=2)
        self.staff = writer(self.practitioner, self.person)
        self.me = writer(self.person.user, self.person)
        self.plan: Plan = services.start_plan(self.staff, self.template)

    def person_writes(self, item_key="keeps-me-well", text="Walking the dog every morning", section="staying-well"):
        return services.add_entry(
            self.me,
            self.plan,
            section_key=section,
            item_key=item_key,
            fields={"text": text},
            voice=Voice.PERSON,
            mode=Mode.OWN,
        )

    def team_writes(self, item_key="team-thinks-helps", text="Regular contact with the team", section="staying-well"):
        return services.add_entry(
            self.staff,
            self.plan,
            section_key=section,
            item_key=item_key,
            fields={"text": text},
            voice=Voice.CARE_TEAM,
            mode=Mode.OWN,
        )

    def refresh(self) -> Plan:
        self.plan.refresh_from_db()
        return self.plan


@pytest.fixture
def world(db) -> PlanWorld:
    return PlanWorld()
