"""Demo concerns for `seed_demo`, at every stage: a compliment thanked and closed, another waiting; a concern about
an entry in Ro's plan, raised from beside it, being looked into; one answered with the raiser's view of the response
and a restorative response linked to the item of Lee's plan that changed; one about something the service did,
referred on; one that came by phone, recorded by staff; one answered and closed; and one nobody has acknowledged, so
it is late on the caseload and the team lead's page."""

from datetime import datetime, timedelta

from django.utils import timezone

from safeplan.concerns import restorative, services
from safeplan.concerns.about import About, resolve, service_action
from safeplan.concerns.models import Concern
from safeplan.people.capabilities import DemoWorld, ref
from safeplan.people.records import Writer, demo_writer
from safeplan.plans import services as plans
from safeplan.plans.models import Mode, Voice
from safeplan.plans.queries import current_entries, plans_of


def seed_concerns(world: DemoWorld) -> None:
    rowan, lee, kit = world.people[0], world.people[1], world.people[2]
    assert rowan.user and lee.user and kit.user, "the demo's people sign in"
    now = timezone.now()
    ro, priya = demo_writer(rowan.user, rowan), demo_writer(world.staff["priya"], rowan)
    thanked = services.raise_concern(
        ro,
        kind="compliment",
        about=services.About("the night Casey rang the crisis team"),
        what_happened="The person who answered stayed on the phone until Casey arrived. It made all the difference.",
        now=now - timedelta(days=12),
    )
    services.acknowledge(priya, thanked, "Passed on to the crisis team, with our thanks to Ro and Casey.")
    services.close(priya, thanked)
    looking = services.raise_concern(
        ro,
        kind="concern",
        about=_an_entry_of(ro),
        what_happened="This says I stop answering the phone when I am low. I said that once, two years ago.",
        would_like="To take it out, or at least to say it is not how I am now.",
        contact_how="A text message, please",
        now=now - timedelta(days=4),
    )
    services.acknowledge(priya, looking, "Rang Ro and offered to meet; Ro would like a call back instead.")
    services.take_on(priya, looking)
    _more_of_ro_and_kit(world, now)
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


def _an_entry_of(ro: Writer) -> About:
    """An entry of the care team's in Ro's first plan, named as Ro sees it (as "Raise a concern about this" does)."""
    plan = plans_of(ro.access.person)[0]
    items = [item["key"] for section in plan.template.sections for item in section["items"]]
    entry = next(e for key in items for e in current_entries(plan, key) if e.voice == Voice.CARE_TEAM)
    about = resolve(ro.access, ref("plan_entry", entry.pk))
    assert about is not None, "Ro sees the entries of their own plan"  # noqa: S101 - demo data, checked as made
    return about


def _more_of_ro_and_kit(world: DemoWorld, now: datetime) -> None:
    """A case referred on, one phoned in and recorded by staff, and one answered and closed."""
    rowan, kit = world.people[0], world.people[2]
    assert rowan.user is not None, "Ro signs in"  # noqa: S101 - demo data, checked as made
    ro, priya = demo_writer(rowan.user, rowan), demo_writer(world.staff["priya"], rowan)
    referred = services.raise_concern(
        ro,
        kind="concern",
        about=service_action("leaving_hospital") or About("leaving hospital"),
        what_happened="When I left the ward the support at home the council promised did not start for three weeks.",
        would_like="For the council to explain, and for it not to happen to anyone else.",
        now=now - timedelta(days=9),
    )
    services.acknowledge(priya, referred, "Talked it through with Ro by phone.")
    services.close(
        priya,
        referred,
        referred=True,
        note="The support at home is the council's: referred, with Ro's agreement, to its adult social care "
        "complaints team, who will answer Ro directly.",
    )
    sam = demo_writer(world.staff["sam"], kit)
    services.raise_concern(
        sam,
        kind="concern",
        about=service_action("contact") or About("who was contacted"),
        what_happened="Kit's mother rang: nobody told her Kit had been taken to A&E, though Kit's plan says to.",
        would_like="To be told next time, as the plan says.",
        contact_how="Her mobile, any time",
        received_how="phone",
        received_on=timezone.localdate(now) - timedelta(days=2),
        raised_by_name="Kit's mother (demo)",
        raised_by_role="their mother",
        for_the_person=False,
        now=now - timedelta(days=2),
    )
    answered = services.raise_concern(
        ro,
        kind="concern",
        about=service_action("appointments") or About("appointments"),
        what_happened="My appointment was moved twice in one week and nobody told me why.",
        would_like="To be told by text when it changes.",
        now=now - timedelta(days=40),
    )
    services.acknowledge(priya, answered, "Rang Ro the same day.")
    services.respond(
        priya,
        answered,
        how_looked_into="We looked at the clinic diary and spoke to the booking team.",
        found="Two clinics were cancelled at short notice and texts were not sent for either.",
        will_change="Texts now go out whenever an appointment moves; the booking team checks they were sent.",
        apology="We are sorry you were left not knowing.",
    )
    services.say_satisfied(ro, answered, answer="yes", words="Thank you, the texts are working.")
    services.close(priya, answered, note="Ro is satisfied with the response.")


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
