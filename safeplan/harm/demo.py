"""Demo harm-minimisation data for `seed_demo`: the organisation's policy and library, Rowan's agreed plan with
six weeks of check-ins (some shared), and the draft of the person who signs in as `lee`, waiting for the
conversation its prompt asks for."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from safeplan.harm import services
from safeplan.harm.models import InformationItem, Technique
from safeplan.people.models import Organisation, Person, User
from safeplan.people.records import Writer, demo_writer
from safeplan.plans import services as plan_services
from safeplan.plans.models import Entry, Mode, Plan, PlanTemplate, Voice
from safeplan.plans.queries import shipped_template

LIBRARY = [
    (
        "Looking after a wound",
        "Clean the wound with running water, press with a clean cloth to stop bleeding, and "
        "cover it with a sterile dressing. Change the dressing daily and look for redness, heat or pus.",
        ["wound-care"],
    ),
    (
        "When to get medical help",
        "Go to an urgent treatment centre or A&E if a wound is deep, gaping, will not stop "
        "bleeding after 10 minutes of pressure, or if you have swallowed anything harmful.",
        ["wound-care", "tetanus"],
    ),
    (
        "Keeping instruments clean",
        "Never share instruments. Clean them before and after use, and keep them in a closed container.",
        ["clean-instruments"],
    ),
    (
        "Using ice safely",
        "Hold ice for a minute or two at most, wrapped in a thin cloth if your skin is sensitive.",
        ["ice"],
    ),
]
ENDORSED = ["ice", "hitting-soft", "drawing", "pinching", "wound-care", "tetanus", "clean-instruments"]


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 18, 30))


def seed_harm(org: Organisation, rowan: Person, lee: Person, staff: dict[str, User]) -> None:
    today = timezone.localdate()
    Technique.objects.filter(organisation=org, key__in=ENDORSED).update(endorsed=True)
    for title, body, technique_keys in LIBRARY:
        item = InformationItem.objects.create(
            organisation=org,
            title=title,
            body=body,
            reviewed_by="Northmoor clinical safety group (demo)",
            reviewed_on=today - timedelta(days=40),
            review_due=today + timedelta(days=325),
        )
        item.techniques.set(Technique.objects.filter(organisation=org, key__in=technique_keys))
    _rowan(rowan, staff["priya"], today)
    _lee(lee, staff["morgan"], today)


def _writers(person: Person, practitioner: User) -> tuple[Writer, Writer]:
    assert person.user is not None, "demo harm plans are for people who sign in"
    return demo_writer(practitioner, person), demo_writer(person.user, person)


def _template() -> PlanTemplate:
    return shipped_template(services.HARM_TEMPLATE, 1)


def _technique(writer: Writer, plan: Plan, org_id: int, key: str | None, on: datetime, **fields: str) -> Entry:
    technique = Technique.objects.filter(organisation_id=org_id, key=key).first() if key else None
    values = {
        "technique_id": str(technique.pk) if technique else "",
        "name": technique.name if technique else "",
        **fields,
    }
    return plan_services.add_entry(
        writer,
        plan,
        section_key="techniques",
        item_key="technique",
        fields=values,
        voice=Voice.PERSON,
        mode=Mode.OWN,
        now=on,
    )


def _rowan(rowan: Person, priya: User, today: date) -> None:
    staff, me = _writers(rowan, priya)
    started = today - timedelta(days=50)
    on = _moment(started)
    plan = plan_services.start_plan(staff, _template(), now=on)

    def write(section: str, item: str, fields: dict[str, str], writer: Writer = me) -> None:
        plan_services.add_entry(
            writer,
            plan,
            section_key=section,
            item_key=item,
            fields=fields,
            voice=Voice.PERSON,
            mode=Mode.OWN if writer is me else Mode.TOGETHER,
            now=on,
        )

    write(
        "what-it-does",
        "function",
        {"text": "It lets the pressure out when everything builds up.", "tags": "release,control"},
    )
    write("what-it-does", "before", {"text": "Arguments on the phone, and nights I cannot sleep."})
    write("right-now", "recent-suicidal-thoughts", {"answer": "no"})
    write("right-now", "want-to-stop", {"answer": "no"})
    ice = _technique(me, plan, rowan.organisation_id, "ice", on, needs="Ice cubes in the freezer", to_hand="yes")
    soft = _technique(me, plan, rowan.organisation_id, "hitting-soft", on, needs="The big cushion", to_hand="yes")
    band = _technique(me, plan, rowan.organisation_id, "band", on, to_hand="sometimes")
    shower = _technique(me, plan, rowan.organisation_id, None, on, name="A cold shower", to_hand="yes")
    write("aftercare", "wound-care", {"text": "First-aid kit under the sink; Casey knows where it is."})
    version = plan_services.put_forward(staff, plan, now=on)
    plan_services.sign_version(staff, version, content_hash_seen=version.content_hash, now=on)
    plan_services.sign_version(me, version, content_hash_seen=version.content_hash, now=on)
    # Six weeks of check-ins: ice stops helping as much, the cushion helps more. Some shared, some kept private.
    pattern = [
        (ice, 3),
        (soft, 2),
        (ice, 3),
        (shower, 2),
        (soft, 3),
        (ice, 2),
        (band, 1),
        (soft, 4),
        (ice, 1),
        (soft, 4),
        (shower, 3),
        (ice, 1),
    ]
    for index, (entry, helped) in enumerate(pattern):
        used_on = started + timedelta(days=3 + index * 4)
        services.add_check_in(
            me, plan, entry=entry, used_on=used_on, helped=helped, share=index % 3 != 2, now=_moment(used_on)
        )


def _lee(lee: Person, morgan: User, today: date) -> None:
    staff, me = _writers(lee, morgan)
    on = _moment(today - timedelta(days=2))
    plan = plan_services.start_plan(staff, _template(), now=on)
    plan_services.add_entry(
        me,
        plan,
        section_key="right-now",
        item_key="want-to-stop",
        fields={"answer": "yes"},
        voice=Voice.PERSON,
        mode=Mode.OWN,
        now=on,
    )
    plan_services.add_entry(
        me,
        plan,
        section_key="right-now",
        item_key="my-goal",
        fields={"text": "To go a whole month without hurting myself."},
        voice=Voice.PERSON,
        mode=Mode.OWN,
        now=on,
    )
    _technique(me, plan, lee.organisation_id, "drawing", on, to_hand="yes")
