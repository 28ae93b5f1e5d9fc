"""Demo concerns for `seed_demo`: a compliment, a concern being looked into, one answered and closed with the
raiser's view of the response and a restorative response linked to the item of Lee's plan that changed, and one
nobody has acknowledged, so it is late on the caseload."""

from datetime import timedelta

from django.utils import timezone

from safeplan.concerns import restorative, services
from safeplan.concerns.models import Concern
from safeplan.people.capabilities import DemoWorld
from safeplan.people.records import Writer, demo_writer
from safeplan.plans import services as plans
from safeplan.plans.models import Mode, Voice
from safeplan.plans.queries import plans_of


def seed_concerns(world: DemoWorld) -> None:
    rowan, lee, kit = world.people[0], world.people[1], world.people[2]
    assert rowan.user and lee.user and kit.user, "the demo's people sign in"
    now = timezone.now()
    ro, priya = demo_writer(rowan.user, rowan), demo_writer(world.staff["priya"], rowan)
    services.raise_concern(
        ro,
        kind="compliment",
        about=services.About("the night Casey rang the crisis team"),
        what_happened="The person who answered stayed on the phone until Casey arrived. It made all the difference.",
        now=now - timedelta(days=12),
    )
    looking = services.raise_concern(
        ro,
        kind="concern",
        about=services.About("my appointment being moved"),
        what_happened="My appointment was moved twice in one week and nobody told me why.",
        would_like="To know why, and to be told by text when it changes.",
        contact_how="A text message, please",
        now=now - timedelta(days=4),
    )
    services.acknowledge(priya, looking, "Rang Ro and offered to meet; Ro would like a call back instead.")
    services.take_on(priya, looking)
    answered = services.raise_concern(
        demo_writer(lee.user, lee),
        kind="concern",
        about=services.About("the crisis line number"),
        what_happened="The crisis line number in my plan rang out twice on a Saturday night.",
        now=now - timedelta(days=20),
    )
    morgan = demo_writer(world.staff["morgan"], lee)
    services.acknowledge(morgan, answered)
    services.respond(
        morgan,
        answered,
        how_looked_into="We rang the line at the same times for two weekends and checked the rota.",
        found="The out-of-hours line was not covered on Saturday nights after a change in September.",
        will_change="It is covered again, and every plan now lists a second number that is always answered.",
        apology="We are sorry. You rang when you needed us and nobody answered.",
    )
    services.say_satisfied(demo_writer(lee.user, lee), answered, answer="partly", words="Thank you. I want it checked.")
    _restorative_for_lee(morgan, answered)
    services.raise_concern(
        demo_writer(kit.user, kit),
        kind="concern",
        about=services.About("how I was spoken to at the clinic"),
        what_happened="The receptionist talked about my medication in front of the waiting room.",
        now=now - timedelta(days=12),
    )


def _restorative_for_lee(morgan: Writer, answered: Concern) -> None:
    """Morgan adds the always-answered number to "Who to contact" in Lee's joint crisis plan, then records, with Lee's
    agreement, the restorative response that links to it."""
    plan = next(p for p in plans_of(morgan.access.person) if p.template.key == "joint-crisis")
    plans.add_entry(
        morgan,
        plan,
        section_key="crisis",
        item_key="contact",
        fields={"name": "Crisis team, second line (demo)", "phone": "01632 960002", "when": "Any time"},
        voice=Voice.CARE_TEAM,
        mode=Mode.OWN,
    )
    where = next(c for c in restorative.changed_choices(morgan.access) if c.key == f"plan:{plan.pk}:crisis")
    restorative.record_restorative(
        morgan,
        answered,
        agreed_on=timezone.localdate(),
        their_account="I rang the number in my plan twice on a Saturday night and it rang out. I felt nobody cared "
        "whether I got through.",
        our_account="A change to the out-of-hours rota in September left Saturday nights uncovered, and nobody "
        "checked the plans that list the line.",
        apology="We are sorry. You did what your plan said, and we were not there.",
        what_changed="Your plan now has a second crisis number that is always answered, and the rota is covered.",
        changed=where.changed,
        learned="A change to a rota is checked against every plan that lists the line before it starts.",
    )
