import pytest

from safeplan.decisions import services
from safeplan.plans.tests.conftest import PlanWorld


class DecisionWorld(PlanWorld):
    def __init__(self):
        super().__init__()
        self.decision = services.start_decision(
            self.staff, question="Should I go home this weekend?", context="Three weeks on the ward; my cat is at home."
        )
        self.carry_on = self.decision.options.get()

    def home(self):
        return services.add_option(
            self.staff,
            self.decision,
            title="Go home on Saturday",
            benefits="See the cat; practise being home",
            harms_now="Alone at night",
        )


@pytest.fixture
def world(db) -> DecisionWorld:
    return DecisionWorld()
