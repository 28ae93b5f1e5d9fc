import pytest

from safeplan.people.models import SupportRelationship
from safeplan.plans import services
from safeplan.plans.models import Mode, Voice
from safeplan.plans.tests.conftest import PlanWorld

SHARED_WORDS = "Ring my sister Jo on 07700 900001"
PRIVATE_WORDS = "Walking the dog every morning"


class CircleWorld(PlanWorld):
    """A plan with words in its crisis section and in a section the person keeps private, and a supporter."""

    def __init__(self):
        super().__init__()
        services.add_entry(
            self.me,
            self.plan,
            section_key="crisis",
            item_key="feel-safe",
            fields={"text": SHARED_WORDS},
            voice=Voice.PERSON,
            mode=Mode.OWN,
        )
        self.person_writes(text=PRIVATE_WORDS)
        version = services.put_forward(self.staff, self.plan)
        services.sign_version(self.staff, version, content_hash_seen=version.content_hash)
        services.sign_version(self.me, version, content_hash_seen=version.content_hash)
        self.version = version
        self.support = SupportRelationship.objects.get(user=self.supporter, person=self.person)


@pytest.fixture
def world(db) -> CircleWorld:
    return CircleWorld()
