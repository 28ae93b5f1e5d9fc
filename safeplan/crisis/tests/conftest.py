"""A person with a six-step plan (version 2) holding something in every step, another plan naming someone not to
contact, and their organisation's crisis lines."""

from datetime import date

import pytest

from safeplan.people.access import resolve_access
from safeplan.people.records import Writer
from safeplan.people.tests.conftest import World
from safeplan.plans import services
from safeplan.plans.models import CrisisLine, Mode, PlanTemplate, Voice


def writers(world: World) -> tuple[Writer, Writer]:
    staff = Writer(world.practitioner, resolve_access(world.practitioner, world.person.pk))
    me = Writer(world.person.user, resolve_access(world.person.user, world.person.pk))
    return staff, me


def write(writer: Writer, plan, section: str, item: str, fields: dict) -> None:
    voice = Voice.PERSON if writer.is_person else Voice.CARE_TEAM
    services.add_entry(writer, plan, section_key=section, item_key=item, fields=fields, voice=voice, mode=Mode.OWN)


SIX_STEP = [
    ("warning-signs", "signs", {"text": "WARNING-SIGN: I stop answering the phone."}),
    ("on-my-own", "on-my-own", {"text": "TRY-ONE: a cold shower and loud music"}),
    ("distraction", "places", {"text": "TRY-TWO: the allotment with Jo"}),
    (
        "crisis",
        "contact",
        {
            "name": "Jo Bright",
            "relationship": "sister",
            "phone": "07700 900123",
            "how": "both",
            "opening": "It's me, I'm having a bad night",
            "no_answer": "Leave a message and ring Sam",
        },
    ),
    ("crisis", "contact", {"name": "Sam Ade", "phone": "07700 900456", "how": "text"}),
    ("crisis", "do-not-contact", {"name": "Dale", "relationship": "my ex", "why": "WHY-NOT: he makes it worse"}),
    ("professionals", "professional", {"name": "Riverside team", "relationship": "care team", "phone": "01632 960000"}),
    ("professionals", "where", {"text": "WHERE-TO: the crisis café on Mill Street"}),
    ("surroundings", "safer", {"what": "SAFER-WHAT: spare tablets", "step": "Jo keeps them", "who": "Jo"}),
    ("matters", "matters", {"text": "MATTERS: my niece"}),
]


class CrisisWorld(World):
    def __init__(self):
        super().__init__()
        CrisisLine.objects.create(
            organisation=self.org, name="Night line", phone="0800 000 111", last_checked=date(2026, 11, 1)
        )
        CrisisLine.objects.create(
            organisation=self.org, name="Text line", phone="85258", how="text", last_checked=date(2026, 11, 1)
        )
        self.staff, self.me = writers(self)

    def six_step(self, *, agree: bool = True):
        plan = services.start_plan(self.staff, PlanTemplate.objects.get(organisation=None, key="six-step", version=2))
        for section, item, fields in SIX_STEP:
            write(self.me, plan, section, item, fields)
        if agree:
            version = services.put_forward(self.staff, plan)
            services.sign_version(self.staff, version, content_hash_seen=version.content_hash)
            services.sign_version(self.me, version, content_hash_seen=version.content_hash)
        return plan


@pytest.fixture
def world(db) -> CrisisWorld:
    return CrisisWorld()
