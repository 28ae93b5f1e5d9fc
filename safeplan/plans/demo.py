"""Demo plans for `seed_demo`: every template, at every stage (draft, agreed, agreed with changes, overdue).

Synthetic people only; phone numbers come from Ofcom's ranges reserved for drama (07700 900xxx, 01632 960xxx).
Plans are written through the same services as the product, so the demo exercises the real rules and audit.
"""

from datetime import date, datetime, timedelta
from typing import cast, overload

from django.utils import timezone

from safeplan.people.models import Organisation, Person, SupportRelationship, User
from safeplan.people.records import Writer, demo_writer
from safeplan.people.withholding_services import withhold
from safeplan.plans import services
from safeplan.plans.models import CrisisLine, Entry, Mode, Plan, PlanTemplate, Voice

CRISIS_LINES = [
    ("Northmoor crisis line (demo)", "01632 960001", "24 hours, every day", "Talk to the crisis team, any time."),
    ("Out-of-hours text line (demo)", "07700 900500", "6pm to 8am", "Text if talking feels too much."),
]


def seed_plans(org: Organisation, people: list[Person], staff: dict[str, User], person_users: dict[int, User]) -> None:
    today = timezone.localdate()
    for position, (name, phone, hours, description) in enumerate(CRISIS_LINES):
        CrisisLine.objects.create(
            organisation=org,
            name=name,
            phone=phone,
            hours=hours,
            description=description,
            how="text" if "text line" in name else "call",
            last_checked=today - timedelta(days=12 + position * 20),
            position=position,
        )
    rowan = people[0]
    _rowan_person_centred(rowan, staff["priya"], today)
    _rowan_old_history(rowan, staff["priya"], today)
    _rowan_six_step_draft(rowan, staff["priya"], today)
    _joint_crisis_overdue(people[1], staff["morgan"], person_users[1], today)
    _six_step_overdue(people[2], staff["sam"], person_users[2], today)
    _person_centred_draft(people[4], staff["sam"], today)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 11, 0))


@overload
def _writers(person: Person, practitioner: User, person_user: User) -> tuple[Writer, Writer]: ...
@overload
def _writers(person: Person, practitioner: User, person_user: None) -> tuple[Writer, None]: ...
def _writers(person: Person, practitioner: User, person_user: User | None) -> tuple[Writer, Writer | None]:
    staff = demo_writer(practitioner, person)
    return staff, (demo_writer(person_user, person) if person_user is not None else None)


def _template(key: str) -> PlanTemplate:
    return PlanTemplate.objects.filter(organisation=None, key=key).order_by("-version").first()  # type: ignore[return-value]


def _write(
    writer: Writer,
    plan: Plan,
    section: str,
    item: str,
    fields: dict[str, str],
    *,
    voice: str | None = None,
    mode: str | None = None,
    on: datetime | None = None,
    responds_to: Entry | None = None,
    supporter: SupportRelationship | None = None,
) -> Entry:
    voice = voice or (Voice.PERSON if writer.is_person else Voice.CARE_TEAM)
    mode = mode or (Mode.FOR if voice == Voice.SUPPORTER else Mode.OWN)
    return services.add_entry(
        writer,
        plan,
        section_key=section,
        item_key=item,
        fields=fields,
        voice=voice,
        mode=mode,
        supporter=supporter,
        responds_to=responds_to,
        now=on,
    )


def _agree(plan: Plan, staff: Writer, person: Writer, day: date) -> None:
    version = services.put_forward(staff, plan, now=_moment(day))
    services.sign_version(staff, version, content_hash_seen=version.content_hash, now=_moment(day))
    services.sign_version(person, version, content_hash_seen=version.content_hash, now=_moment(day))


def _rowan_person_centred(rowan: Person, priya: User, today: date) -> None:
    staff, me = _writers(rowan, priya, cast(User, rowan.user))  # the demo's Rowan signs in
    started = today - timedelta(days=70)
    on = _moment(started)
    plan = services.start_plan(staff, _template("person-centred"), now=on)
    casey = SupportRelationship.objects.get(person=rowan, kind="supporter")
    _write(
        me,
        plan,
        "crisis",
        "contact",
        {"name": "Casey Ellison", "relationship": "sister", "phone": "07700 900123", "when": "Any time, day or night"},
        on=on,
    )
    _write(
        me,
        plan,
        "crisis",
        "do-not-contact",
        {"name": "Dale Ellison", "relationship": "father", "why": "Contact with him makes things worse for me."},
        on=on,
    )
    _write(me, plan, "crisis", "feel-safe", {"text": "Being at Casey's flat with the cat. Quiet, low lights."}, on=on)
    _write(me, plan, "crisis", "feel-unsafe", {"text": "Being told to calm down. Crowded waiting rooms."}, on=on)
    _write(me, plan, "crisis", "take-care-of", {"text": "Feeding Biscuit the cat; telling work I am off sick."}, on=on)
    for item, answer in [
        ("harm-from-others", "no"),
        ("self-harm", "yes"),
        ("substances", "no"),
        ("contact-with-children", "yes"),
        ("risk-to-children", "no"),
    ]:
        _write(staff, plan, "inventory", item, {"answer": answer}, voice=Voice.PERSON, mode=Mode.TOGETHER, on=on)
    event = _write(
        staff,
        plan,
        "history",
        "event",
        {
            "when": "Spring 2024",
            "what": "Taken to A&E by ambulance after an overdose of prescribed medication.",
            "context": "At home, alone, after losing a job.",
            "before": "Several weeks of not sleeping; stopped answering friends' messages.",
            "after": "Two nights on a ward, then home treatment team for a month.",
            "source": "Hospital discharge letter",
            "reliability": "records",
        },
        on=on,
    )
    _write(
        me,
        plan,
        "",
        "",
        {
            "text": "I did not want to die. I wanted everything to stop for a while. "
            "What helped afterwards was Casey staying with me."
        },
        responds_to=event,
        on=on,
    )
    _write(
        me,
        plan,
        "staying-well",
        "keeps-me-well",
        {"text": "Walking Biscuit's route by the river. Seeing Casey on Sundays."},
        on=on,
    )
    _write(me, plan, "staying-well", "early-signs", {"text": "Not sleeping. Leaving messages unread."}, on=on)
    helps = _write(
        staff,
        plan,
        "staying-well",
        "team-thinks-helps",
        {"text": "Keeping to the medication plan, and weekly contact with Priya."},
        on=on,
    )
    _write(me, plan, "", "", {"text": "The weekly calls help more than the tablets do."}, responds_to=helps, on=on)
    _withheld_call(staff, plan, on)
    _write(
        staff,
        plan,
        "staying-well",
        "team-role",
        {"text": "Weekly phone call; a visit within a day if Rowan or Casey asks."},
        on=on,
    )
    _write(
        staff,
        plan,
        "staying-well",
        "works-best",
        {"text": "Texting first, then calling, helps Rowan."},
        voice=Voice.SUPPORTER,
        supporter=casey,
        on=on,
    )
    _agree(plan, staff, me, started + timedelta(days=10))
    # Since agreement Rowan has added to their plan: a draft change waiting to be agreed.
    _write(
        me,
        plan,
        "staying-well",
        "coping",
        {"text": "Go for a walk before answering a hard message."},
        on=_moment(today - timedelta(days=3)),
    )


def _rowan_old_history(rowan: Person, priya: User, today: date) -> None:
    """Two events written three years ago: one Priya and Ro have looked at again and marked no longer current (under
    "Earlier history"), one not looked at since (on Priya's list to go through with Ro)."""
    plan = Plan.objects.get(person=rowan, template__key="person-centred")
    staff = demo_writer(priya, rowan)
    long_ago = _moment(today - timedelta(days=3 * 365 + 20))
    settled = _write(
        staff,
        plan,
        "history",
        "event",
        {
            "when": "Winter 2023",
            "what": "Missed rent for three months and was at risk of losing the flat.",
            "source": "Housing officer's letter",
            "reliability": "records",
        },
        on=long_ago,
    )
    services.review_entry(
        staff,
        settled,
        current=False,
        with_whom="with Ro, at our appointment",
        why="Ro has had a secure tenancy for two years and manages the rent; this is not how things are now.",
    )
    _write(
        staff,
        plan,
        "history",
        "event",
        {
            "when": "Autumn 2023",
            "what": "Stopped going to the swimming group and stayed in for most of a month.",
            "source": "Ro, at an appointment",
            "reliability": "first-hand",
        },
        on=long_ago,
    )


def _withheld_call(staff: Writer, plan: Plan, on: datetime) -> None:
    """The demo's one withheld item: a care-team note Rowan sees as "Something here is not shown to you" (in the
    agreed version too, so both signatures say so). Its review date has passed: Jordan, the team lead, sees it."""
    call = _write(
        staff,
        plan,
        "history",
        "event",
        {
            "when": "Last month",
            "what": "Dale Ellison rang the team asking where Rowan lives now. He was not told.",
            "source": "Telephone call to the team",
            "reliability": "first-hand",
        },
        on=on,
    )
    withhold(
        staff,
        "plan_entry",
        call.pk,
        reason="Rowan has said contact with Dale makes things much worse. Knowing he is looking for them now would "
        "be likely to cause serious harm to their mental health; we will talk it through when they are more settled.",
        review_on=on.date() + timedelta(days=60),
        now=on,
    )


def _rowan_six_step_draft(rowan: Person, priya: User, today: date) -> None:
    staff, me = _writers(rowan, priya, cast(User, rowan.user))  # the demo's Rowan signs in
    on = _moment(today - timedelta(days=2))
    plan = services.start_plan(staff, _template("six-step"), now=on)
    _write(me, plan, "warning-signs", "signs", {"text": "Thinking everyone would be better off without me."}, on=on)
    _write(me, plan, "on-my-own", "on-my-own", {"text": "Cold shower. Loud music. Drawing."}, on=on)


def _joint_crisis_overdue(person: Person, practitioner: User, user: User, today: date) -> None:
    staff, me = _writers(person, practitioner, user)
    started = today - timedelta(days=260)
    on = _moment(started)
    plan = services.start_plan(staff, _template("joint-crisis"), now=on)
    _write(
        me,
        plan,
        "crisis",
        "contact",
        {"name": "Jamie Frost", "relationship": "partner", "phone": "07700 900456"},
        on=on,
    )
    _write(me, plan, "my-crisis", "looks-like", {"text": "I stop eating and stay in bed."}, on=on)
    _write(me, plan, "treatment", "do-not-want", {"text": "Being admitted far from home: I would lose my job."}, on=on)
    _write(staff, plan, "treatment", "prefer", {"text": "Home treatment team visits, daily if needed."}, on=on)
    _agree(plan, staff, me, started + timedelta(days=7))


def _six_step_overdue(person: Person, practitioner: User, user: User, today: date) -> None:
    staff, me = _writers(person, practitioner, user)
    started = today - timedelta(days=230)
    on = _moment(started)
    plan = services.start_plan(staff, _template("six-step"), now=on)
    _write(me, plan, "warning-signs", "signs", {"text": "Drinking alone in the evenings."}, on=on)
    _write(
        me,
        plan,
        "crisis",
        "contact",
        {"name": "Robin Shaw", "relationship": "friend", "phone": "07700 900789", "when": "Evenings"},
        on=on,
    )
    safer = {"what": "My spare tablets", "step": "Robin keeps them at his flat", "who": "Robin", "by_when": "Now"}
    _write(me, plan, "surroundings", "safer", safer, on=on)
    _write(me, plan, "matters", "matters", {"text": "My niece. Football on Saturdays."}, on=on)
    _agree(plan, staff, me, started + timedelta(days=5))


def _person_centred_draft(person: Person, practitioner: User, today: date) -> None:
    staff, _ = _writers(person, practitioner, None)
    on = _moment(today - timedelta(days=1))
    plan = services.start_plan(staff, _template("person-centred"), now=on)
    _write(
        staff,
        plan,
        "staying-well",
        "keeps-me-well",
        {"text": "Cooking for the family."},
        voice=Voice.PERSON,
        mode=Mode.TOGETHER,
        on=on,
    )
