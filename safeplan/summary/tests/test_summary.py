"""The safety summary (issue 13, item 1): strengths first, assembled from the record as it stands (never a stale copy),
only shared check-ins, attendance counted and never a miss, the crisis section and who not to contact always on it,
and read only by those the record lets read it."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.harm import services as harm
from safeplan.harm.tests.conftest import HarmWorld
from safeplan.people.access import resolve_access
from safeplan.people.records import Writer
from safeplan.people.shares import Share
from safeplan.people.withholding_services import withhold
from safeplan.plans import services as plans
from safeplan.plans.models import CrisisLine, Mode, Voice
from safeplan.summary import services
from safeplan.summary.models import Attendance

FEEL_SAFE = "Sitting in the kitchen with my sister Jo"
KEEPS_WELL = "Walking the dog along the canal every morning"
NOT_TO_CONTACT = "Dale"


@pytest.fixture
def world(db) -> HarmWorld:
    made = HarmWorld()
    made.person_writes(item_key="feel-safe", text=FEEL_SAFE, section="crisis")
    made.person_writes(item_key="keeps-me-well", text=KEEPS_WELL)
    plans.add_entry(
        made.me,
        made.plan,
        section_key="crisis",
        item_key="do-not-contact",
        fields={"name": NOT_TO_CONTACT, "relationship": "my ex", "why": "He frightens me"},
        voice=Voice.PERSON,
        mode=Mode.OWN,
    )
    return made


def withhold_a_secret(world) -> None:
    """A care-team entry in the crisis section, withheld from the person (ADR 0010)."""
    secret = plans.add_entry(
        world.staff,
        world.plan,
        section_key="crisis",
        item_key="feel-unsafe",
        fields={"text": "Zephyrine rang asking for the address"},
        voice=Voice.CARE_TEAM,
        mode=Mode.OWN,
    )
    reason = "Knowing this now would be likely to cause serious harm to their mental health."
    withhold(world.staff, "plan_entry", secret.pk, reason=reason, review_on=date.today() + timedelta(days=30))


def url(world) -> str:
    return reverse("summary", kwargs={"person_id": world.person.pk})


def read(client, world, user) -> str:
    client.force_login(user)
    response = client.get(url(world))
    assert response.status_code == 200
    return response.content.decode()


def test_strengths_come_first_then_the_crisis_section_and_who_not_to_contact(client, world):
    page = read(client, world, world.person.user)
    keeps, crisis, dnc = page.index(KEEPS_WELL), page.index("If I am in crisis"), page.index("People not to contact")
    assert page.index("My goals") < keeps < crisis < dnc < page.index("What this record is and who can see it")
    assert page.index(FEEL_SAFE, crisis) < dnc and page.index(NOT_TO_CONTACT, dnc)
    assert "He frightens me" not in page  # why not to contact them is the person's to tell
    assert "Not yet agreed" in page  # from a draft nobody has agreed


def test_the_crisis_section_and_who_not_to_contact_are_there_even_with_no_plan(client, db):
    world = HarmWorld()
    CrisisLine.objects.create(
        organisation=world.person.organisation, name="Night line", phone="0800 000 0000", last_checked=date.today()
    )
    page = read(client, world, world.person.user)
    assert "If I am in crisis" in page and "Night line: 0800 000 0000" in page and "People not to contact" in page


def test_it_changes_as_soon_as_the_plan_does(client, world):
    assert "Kettle on, then ring Jo" not in read(client, world, world.person.user)
    world.person_writes(item_key="coping", text="Kettle on, then ring Jo")
    assert "Kettle on, then ring Jo" in read(client, world, world.person.user)


def test_only_check_ins_the_person_shared_count(client, world):
    breathing = world.choose(name="Box breathing with the app")
    today = timezone.localdate()
    harm.add_check_in(world.me, world.harm_plan, entry=breathing, used_on=today, helped=3, note="", share=True)
    harm.add_check_in(world.me, world.harm_plan, entry=breathing, used_on=today, helped=0, note="", share=False)
    for user in [world.person.user, world.practitioner]:
        page = read(client, world, user)
        assert "Box breathing with the app: it helped a lot, once" in page
        assert "did not help" not in page


def test_appointments_attended_are_counted_and_a_missed_one_is_never_recorded(client, world):
    staff = Writer(world.practitioner, resolve_access(world.practitioner, world.person.pk))
    today = timezone.localdate()
    for weeks in [1, 3, 70]:
        services.record_attendance(staff, attended_on=today - timedelta(weeks=weeks), what="With the care coordinator")
    with pytest.raises(services.SummaryError, match="cannot be in the future"):
        services.record_attendance(staff, attended_on=today + timedelta(days=1), what="Next week")
    page = read(client, world, world.person.user)
    assert "2 appointments since" in page  # the one more than a year ago is not in the count
    assert not {field.name for field in Attendance._meta.get_fields()} & {"missed", "attended", "status", "outcome"}
    # Tokens are random: "DNA" turned up inside a CSRF token once, so look at the words of the page, not its tokens.
    words_on_page = re.sub(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"', "", page)
    for words in ["missed", "did not attend", "DNA", "no-show", "failed to attend"]:
        assert not re.search(rf"\b{re.escape(words)}\b", words_on_page, flags=re.IGNORECASE)


def test_a_supporter_reads_it_only_if_shared_and_then_only_the_sections_shared_with_them(client, world):
    support = world.person.supporters.get(user=world.supporter)
    client.force_login(world.supporter)
    assert client.get(url(world)).status_code == 404
    for object_type, object_id, part in [("summary", world.person.pk, ""), ("plan", world.plan.pk, "crisis")]:
        if object_type == "plan":
            page = read(client, world, world.supporter)
            assert FEEL_SAFE not in page and KEEPS_WELL not in page  # no plan is shared with them yet
        Share.objects.create(
            support=support,
            object_type=object_type,
            object_id=str(object_id),
            part=part,
            shared_at=timezone.now(),
            shared_by=world.person.user,
        )
    page = read(client, world, world.supporter)
    assert FEEL_SAFE in page and KEEPS_WELL not in page  # the crisis section only
    assert "Record an appointment attended" not in page and "Add a goal" not in page


def test_staff_outside_the_care_team_find_nothing_and_every_read_is_audited(client, world):
    client.force_login(world.other_practitioner)
    assert client.get(url(world)).status_code == 404
    seq = AuditEvent.objects.count()
    read(client, world, world.practitioner)
    row = AuditEvent.objects.get(seq__gt=seq, action="read")
    assert (row.object_type, row.person_id) == ("safety_summary", world.person.pk)


def test_what_is_withheld_from_the_person_is_not_on_their_summary(client, world):
    withhold_a_secret(world)
    assert "Zephyrine" not in read(client, world, world.person.user)
    assert "Zephyrine" in read(client, world, world.practitioner)


def test_the_person_writes_what_they_want_people_to_know_first_and_only_they_can(client, world):
    client.force_login(world.person.user)
    response = client.post(url(world), {"form": "about", "words": "I love wild swimming. Ask me straight out."})
    assert response.status_code == 302
    page = read(client, world, world.practitioner)
    assert page.index("I love wild swimming") < page.index("My goals")
    staff = Writer(world.practitioner, resolve_access(world.practitioner, world.person.pk))
    with pytest.raises(services.SummaryError, match="their own words"):
        services.say_about_me(staff, "Pleasant and cooperative")
    assert client.post(url(world), {"form": "about", "words": ""}).status_code == 422


def test_the_print_page_holds_the_same_summary(client, world):
    client.force_login(world.person.user)
    page = client.get(reverse("summary_print", kwargs={"person_id": world.person.pk})).content.decode()
    assert KEEPS_WELL in page and "People not to contact" in page and "Made from the record on" in page


def test_the_care_teams_summary_marks_what_is_withheld_and_warns_before_printing(client, world):
    withhold_a_secret(world)
    client.force_login(world.practitioner)
    printed = client.get(reverse("summary_print", kwargs={"person_id": world.person.pk})).content.decode()
    name = world.person.name_to_use
    assert f"Something here is withheld from {name}" in printed and f"Do not give {name} this copy" in printed
    assert f"Withheld from {name}</strong> Zephyrine" in printed
    mine = read(client, world, world.person.user)
    assert "Something here is not shown to you" in mine and "withheld from" not in mine.lower()


def test_a_technique_taken_out_of_the_plan_is_named_as_the_check_ins_page_names_it(client, world):
    breathing = world.choose(name="Quillon humming")
    harm.add_check_in(
        world.me, world.harm_plan, entry=breathing, used_on=timezone.localdate(), helped=3, note="", share=True
    )
    plans.revise_entry(
        world.me, breathing, fields=breathing.revisions.get().fields, based_on=1, mode=Mode.OWN, removed=True
    )
    page = read(client, world, world.practitioner)
    assert "Quillon humming" not in page and "A technique no longer in the plan: it helped a lot, once" in page


def test_the_pdf_holds_the_same_summary_and_its_download_is_audited(client, world):
    from io import BytesIO

    from pypdf import PdfReader

    client.force_login(world.person.user)
    seq = AuditEvent.objects.count()
    response = client.get(reverse("summary_pdf", kwargs={"person_id": world.person.pk}))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "Walking the dog along the canal" in text and "People not to contact" in text and "Dale" in text
    row = AuditEvent.objects.get(seq__gt=seq)
    assert (row.action, row.object_type, row.person_id) == ("export", "safety_summary", world.person.pk)
