"""An entry withheld from the person (issue 11, item 5; docs/adr/0010-withheld-items.md; hazard H27): its words never
reach the person or a supporter on any page, print, PDF, comparison or copy of all their data; the person sees a
marker where it sits; a supporter sees nothing of it, not even the marker; the care team sees it with the reason;
both signatures of a version holding it say so."""

import json
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from safeplan.exports import schema
from safeplan.exports.tests.helpers import ask, data, pdf_text
from safeplan.people import services as people_services
from safeplan.people.models import SupportRelationship
from safeplan.people.shares import Share
from safeplan.people.withholding_services import WithholdingError, release, withhold
from safeplan.plans import services
from safeplan.plans.models import Mode, Voice
from safeplan.plans.tests.conftest import PlanWorld

SECRET = "Zephyrine-4471 rang asking for the address"  # the withheld entry's words: unique, to search for
SECRET_VIEW = "Quillon-9023 my answer to that"  # a differing view answering the withheld entry
SHARED = "Sit with my sister and make tea"  # the person's own words beside it, shared with the supporter
REASON = "Knowing this now would be likely to cause serious harm to their mental health."
MARKER = "Something here is not shown to you"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class WithheldWorld(PlanWorld):
    """A care-team entry in the crisis section (with a supporter's differing view of it, written down for them by the
    care team), withheld before version 1 was signed by both; the crisis section shared with the person's supporter.
    (The person's own answer would make it unwithholdable: they have read what they answered.)"""

    def __init__(self):
        super().__init__()
        self.person_writes(item_key="feel-safe", text=SHARED, section="crisis")
        self.secret = self.team_writes(item_key="feel-unsafe", text=SECRET, section="crisis")
        self.view = services.add_entry(
            self.staff,
            self.plan,
            section_key="",
            item_key="",
            fields={"text": SECRET_VIEW},
            voice=Voice.SUPPORTER,
            mode=Mode.FOR,
            supporter=SupportRelationship.objects.get(user=self.supporter, person=self.person),
            responds_to=self.secret,
        )
        self.withholding = withhold(
            self.staff, "plan_entry", self.secret.pk, reason=REASON, review_on=date.today() + timedelta(days=30)
        )
        self.version = services.put_forward(self.staff, self.plan)
        services.sign_version(self.staff, self.version, content_hash_seen=self.version.content_hash)
        services.sign_version(self.me, self.version, content_hash_seen=self.version.content_hash)
        support = self.person.supporters.get(user=self.supporter)
        Share.objects.create(
            support=support,
            object_type="plan",
            object_id=str(self.plan.pk),
            part="crisis",
            shared_at=timezone.now(),
            shared_by=self.person.user,
        )

    def urls(self) -> dict[str, str]:
        plan = {"person_id": self.person.pk, "plan_id": self.plan.pk}
        version = {**plan, "number": self.version.number}
        return {
            "plan": reverse("plan", kwargs=plan),
            "version": reverse("plan_version", kwargs=version),
            "print": reverse("plan_print", kwargs=version),
            "pdf": reverse("plan_pdf", kwargs=version),
            "versions": reverse("plan_versions", kwargs=plan),
            "compare": reverse("plan_compare", kwargs=plan),
            "compare draft with 1": reverse("plan_compare", kwargs=plan) + "?older=1&newer=draft",
        }


@pytest.fixture
def world(db) -> WithheldWorld:
    return WithheldWorld()


def text_of(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    return response.content.decode()


def read_all(client, world, names) -> dict[str, str]:
    pages = {}
    for name in names:
        response = client.get(world.urls()[name])
        assert response.status_code == 200, name
        pages[name] = text_of(response)
    return pages


def test_the_person_sees_the_marker_and_never_the_words_on_any_page_print_or_pdf(client, world):
    client.force_login(world.person.user)
    pages = read_all(client, world, world.urls())
    for name, text in pages.items():
        assert SECRET not in text and SECRET_VIEW not in text and REASON not in text, name
    for name in ["plan", "version", "print", "pdf"]:
        text = " ".join(pages[name].split())  # the PDF breaks lines anywhere
        assert MARKER in text and SHARED in text, name
        assert "You can ask your care team about it" in text, name
        assert "not to show it to you for now" in text, name
    assert "not in this comparison" in pages["compare draft with 1"]
    plan = {"person_id": world.person.pk, "plan_id": world.plan.pk}
    for entry in [world.secret, world.view]:  # its own pages, and the view that answers it, are not found
        for name in ["plan_change_entry", "plan_answer_entry"]:
            assert client.get(reverse(name, kwargs={**plan, "entry_id": entry.pk})).status_code == 404


def test_a_supporter_sees_nothing_of_it_not_even_that_something_is_withheld(client, world):
    client.force_login(world.supporter)
    pages = read_all(client, world, ["plan", "version", "print", "pdf"])
    for name, text in pages.items():
        flat = " ".join(text.split())
        assert SHARED in flat, name  # the crisis section is shared with them
        for hidden in [SECRET, SECRET_VIEW, REASON, MARKER, "not shown to", "Withheld", "withheld"]:
            assert hidden not in flat, (name, hidden)
    plan = {"person_id": world.person.pk, "plan_id": world.plan.pk}
    assert client.get(reverse("plan_answer_entry", kwargs={**plan, "entry_id": world.secret.pk})).status_code == 404


def test_the_care_team_sees_it_with_the_reason_and_emergency_access_reads_it_without_deciding(client, world):
    client.force_login(world.practitioner)
    page = client.get(world.urls()["plan"]).content.decode()
    assert SECRET in page and SECRET_VIEW in page and REASON in page
    assert f"Withheld from {world.person.name_to_use}" in page and "Release it to" in page
    printed = " ".join(text_of(client.get(world.urls()["pdf"])).split())
    assert SECRET in printed and f"Do not give it to {world.person.name_to_use}" in printed
    people_services.start_break_glass(
        actor=people_services.SYSTEM,
        user=world.other_lead,
        nhs_number=world.person.nhs_number,
        reason="Out of hours call about crisis contacts",
    )
    client.force_login(world.other_lead)
    page = client.get(world.urls()["plan"]).content.decode()
    assert SECRET in page and f"Withheld from {world.person.name_to_use}" in page
    assert "Release it to" not in page and "Withhold from" not in page


def test_both_signatures_say_the_version_held_something_not_shown_to_the_person(client, world):
    name = world.person.name_to_use
    client.force_login(world.person.user)
    for page in ["version", "versions", "print"]:
        text = client.get(world.urls()[page]).content.decode()
        assert text.count("this version included something not shown to you") == 2, page
    client.force_login(world.practitioner)
    version = client.get(world.urls()["version"]).content.decode()
    assert version.count(f"this version included something not shown to {name}") == 2
    release(world.staff, world.withholding)  # released later: what was true when they signed stays true
    assert client.get(world.urls()["version"]).content.decode().count("included something not shown to") == 2
    client.force_login(world.person.user)
    page = client.get(world.urls()["plan"]).content.decode()
    assert SECRET in page and MARKER not in page


def test_the_sign_page_says_so_before_either_signs(client, world):
    world.team_writes(text="Weekly calls")
    version = services.put_forward(world.staff, world.plan)
    url = reverse("plan_version", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk, "number": 2})
    client.force_login(world.person.user)
    page = client.get(url).content.decode()
    assert "This version includes something not shown to you" in page and f"Sign version {version.number}" in page
    client.force_login(world.practitioner)
    page = client.get(url).content.decode()
    assert f"This version includes something not shown to {world.person.name_to_use}" in page


def test_all_my_data_lists_it_as_withheld_with_its_dates_and_never_its_words(settings, tmp_path, world):
    settings.TASKS, settings.EXPORTS_DIR = IMMEDIATE, tmp_path / "exports"
    export = ask(world)
    document = data(export)
    assert schema.errors(document) == []
    text = json.dumps(document, ensure_ascii=False) + pdf_text(export)
    for hidden in [SECRET, SECRET_VIEW, REASON]:
        assert hidden not in text
    [listed] = document["withheld"]
    assert listed["where"] == "“My risk and safety plan”, in “If I am in crisis”"
    assert (listed["withheld_on"], listed["review_by"]) == (
        date.today().isoformat(),
        (date.today() + timedelta(days=30)).isoformat(),
    )
    assert listed["decided_by"] == str(world.practitioner)
    plan = document["records"]["plans"]["plans"][0]
    marker = {
        "withheld": True,
        "withheld_on": listed["withheld_on"],
        "review_by": listed["review_by"],
        "decided_by": listed["decided_by"],
        "decided_by_role": "practitioner",
    }
    for snapshot in [plan["current_draft"], plan["versions"][0]["snapshot"]]:
        crisis = next(s for s in snapshot["sections"] if s["key"] == "crisis")
        assert marker in next(i for i in crisis["items"] if i["key"] == "feel-unsafe")["entries"]
    assert plan["entry_history"].count(marker) == 2  # the entry and the view that answers it
    assert [s["withheld_when_signed"] for s in plan["versions"][0]["signatures"]] == [True, True]
    assert "Something here is not shown to you" in " ".join(pdf_text(export).split())


def test_what_other_pages_read_the_do_not_contact_list_and_techniques_is_never_withheld(world):
    from safeplan.people.withholding_services import WithholdingError

    dale = services.add_entry(
        world.staff,
        world.plan,
        section_key="crisis",
        item_key="do-not-contact",
        fields={"name": "Dale", "why": "Makes things worse"},
        voice=Voice.CARE_TEAM,
        mode=Mode.OWN,
    )
    with pytest.raises(WithholdingError, match="cannot be withheld"):
        withhold(world.staff, "plan_entry", dale.pk, reason=REASON, review_on=date.today())


def test_an_entry_the_person_answered_in_their_own_words_cannot_be_withheld(world):
    answered = world.team_writes(item_key="take-care-of", text="The care team will ring weekly", section="crisis")
    services.add_entry(
        world.me,
        world.plan,
        section_key="",
        item_key="",
        fields={"text": "Weekly is too often for me"},
        voice=Voice.PERSON,
        mode=Mode.OWN,
        responds_to=answered,
    )
    with pytest.raises(WithholdingError, match="answered this in their own words"):
        withhold(world.staff, "plan_entry", answered.pk, reason=REASON, review_on=date.today() + timedelta(days=9))
