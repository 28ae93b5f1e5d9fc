import pytest

from safeplan.harm.models import Technique
from safeplan.plans import services
from safeplan.plans.models import Mode, PlanTemplate, Voice
from safeplan.plans.tests.conftest import PlanWorld


class HarmWorld(PlanWorld):
    """The plans world, with a harm-minimisation plan started by the practitioner."""

    def __init__(self):
        super().__init__()
        template = PlanTemplate.objects.get(organisation=None, key="harm-minimisation")
        self.harm_plan = services.start_plan(self.staff, template)

    def technique(self, key: str) -> Technique:
        return Technique.objects.get(organisation=self.org, key=key)

    def choose(self, key: str | None = None, name: str = "", writer=None, **extra):
        chosen = self.technique(key) if key else None
        fields = {
            "technique_id": str(chosen.pk) if chosen else "",
            "name": name or (chosen.name if chosen else ""),
            **extra,
        }
        return services.add_entry(
            writer or self.me,
            self.harm_plan,
            section_key="techniques",
            item_key="technique",
            fields=fields,
            voice=Voice.PERSON,
            mode=Mode.OWN if (writer or self.me).is_person else Mode.TOGETHER,
        )

    def answer(self, item_key: str, answer: str):
        return services.add_entry(
            self.me,
            self.harm_plan,
            section_key="right-now",
            item_key=item_key,
            fields={"answer": answer},
            voice=Voice.PERSON,
            mode=Mode.OWN,
        )


@pytest.fixture
def world(db) -> HarmWorld:
    return HarmWorld()
