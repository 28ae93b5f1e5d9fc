"""Exports' tests run their jobs at once (django-tasks' ImmediateBackend), except the one that proves the real
database queue and worker (test_worker.py), and keep their ZIPs in a private temporary folder."""

from datetime import timedelta

import pytest
from django.utils import timezone

from safeplan.decisions import services as decisions
from safeplan.harm import services as harm
from safeplan.harm.tests.conftest import HarmWorld
from safeplan.people import services as people_services
from safeplan.plans import services as plans

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _exports_in_a_private_folder(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"


@pytest.fixture
def immediate(settings):
    settings.TASKS = IMMEDIATE


class ExportWorld(HarmWorld):
    """A person with something in every part of their record: a signed plan version and a draft, a harm plan with
    a private and a shared check-in and a recorded conversation, and a decision with every part."""

    def __init__(self):
        super().__init__()
        self.person_writes(text="Walking the dog every morning")
        self.team_writes(text="Regular contact with the team")
        version = plans.put_forward(self.staff, self.plan)
        plans.sign_version(self.me, version, content_hash_seen=version.content_hash)
        plans.sign_version(self.staff, version, content_hash_seen=version.content_hash)
        self.person_writes(text="Ringing my sister on Sundays")  # the draft has moved on since the version
        ice = self.choose("ice")
        today = timezone.localdate()
        self.private_check_in = harm.add_check_in(
            self.me, self.harm_plan, entry=ice, used_on=today, helped=3, note="Held ice instead, private note"
        )
        harm.add_check_in(self.me, self.harm_plan, entry=ice, used_on=today, helped=1, share=True)
        self.decision = decisions.start_decision(self.staff, question="Should I go home this weekend?")
        home = decisions.add_option(self.staff, self.decision, title="Go home on Saturday", benefits="See the cat")
        decisions.add_later_harm(
            self.staff,
            home,
            area="money",
            description="Travel costs",
            likelihood="possible",
            seriousness="minor",
        )
        decisions.record_view(self.me, self.decision, reasons="I miss my cat", preferred=home)
        decisions.assess_capacity(
            self.staff,
            self.decision,
            understand=True,
            retain=True,
            weigh=True,
            communicate=True,
            notes="Weighed it up clearly.",
        )
        decisions.check_framework(
            self.staff, self.decision, framework="duty-of-care", applies=True, note="We stay in touch by phone."
        )
        agreement = decisions.propose_agreement(
            self.staff,
            self.decision,
            chosen=home,
            look_again_if="Things get worse",
            review_on=today + timedelta(days=14),
        )
        decisions.sign_agreement(self.me, agreement)
        decisions.sign_agreement(self.staff, agreement)
        decisions.record_outcome(self.me, self.decision, what_happened="It went well, the cat was pleased.")

    def emergency(self):
        """Open emergency access for another team's lead, who then reads (but may not export) the record."""
        people_services.start_break_glass(
            actor=people_services.SYSTEM,
            user=self.other_lead,
            nhs_number=self.person.nhs_number,
            reason="Out of hours call about crisis contacts",
        )
        return self.other_lead


@pytest.fixture
def world(db, immediate) -> ExportWorld:
    return ExportWorld()
