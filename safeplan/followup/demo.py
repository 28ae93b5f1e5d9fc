"""Demo follow-up for `seed_demo`: Lee left hospital four days ago at 11am and Morgan rang the next morning (spoken
with in time); Kit rang the crisis team last night, Sam left a message (this morning, or late last night) and nobody
has spoken with Kit yet (on Sam's caseload as "Nobody reached yet")."""

from datetime import timedelta

from django.utils import timezone

from safeplan.followup import services
from safeplan.followup.models import CrisisEvent, FollowUp
from safeplan.people.capabilities import DemoWorld
from safeplan.people.records import demo_writer


def seed_follow_up(world: DemoWorld) -> None:
    lee, kit = world.people[1], world.people[2]
    morgan = demo_writer(world.staff["morgan"], lee)
    left = timezone.localtime().replace(hour=11, minute=0, second=0, microsecond=0) - timedelta(days=4)
    event = services.record_event(
        morgan, kind=CrisisEvent.Kind.DISCHARGE, happened_at=left, where="Willow ward", now=left + timedelta(hours=1)
    )
    services.record_follow_up(
        morgan,
        event,
        contacted_at=left + timedelta(hours=22, minutes=30),  # the next morning at half past nine
        how=FollowUp.How.PHONE,
        reached=True,
        note="Settling in at home. Agreed a visit on Friday.",
        now=left + timedelta(hours=22, minutes=30),
    )
    sam = demo_writer(world.staff["sam"], kit)
    local = timezone.localtime()
    evening = local.replace(hour=19, minute=30, second=0, microsecond=0) - timedelta(days=1)
    morning = local.replace(hour=9, minute=15, second=0, microsecond=0)
    called = morning if morning < local else evening + timedelta(hours=2)  # this morning, or late last night
    event = services.record_event(
        sam, kind=CrisisEvent.Kind.CRISIS_CONTACT, happened_at=evening, where="Crisis team, by phone", now=evening
    )
    services.record_follow_up(sam, event, contacted_at=called, how=FollowUp.How.PHONE, reached=False, now=called)
