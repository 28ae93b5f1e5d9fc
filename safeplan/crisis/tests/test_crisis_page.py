"""The crisis page (issue 15): in order, what to try, people to call or text, professionals and crisis lines, where to
go, who not to contact; nothing else from any plan; the person's own only; audited once."""

import re

import pytest
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.crisis.tests.conftest import write
from safeplan.plans import services
from safeplan.plans.models import PlanTemplate

pytestmark = pytest.mark.django_db


def page(client, world, name="crisis") -> str:
    client.force_login(world.person.user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def main_text(html: str) -> str:
    main = re.search(r"<main.*?</main>", html, re.S)
    assert main
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.group(0)))


def test_the_crisis_page_shows_the_groups_in_order_and_nothing_else(client, world):
    world.six_step()
    text = main_text(page(client, world))
    order = ["TRY-ONE", "TRY-TWO", "Jo Bright", "Sam Ade", "Riverside team", "Night line", "WHERE-TO", "Dale (my ex)"]
    places = [text.index(words) for words in order]
    assert places == sorted(places)
    for elsewhere in ("WARNING-SIGN", "SAFER-WHAT", "MATTERS", "WHY-NOT"):
        assert elsewhere not in text
    assert "form" not in re.search(r"<main.*?</main>", page(client, world), re.S).group(0)  # no forms in crisis mode


def test_contacts_have_call_and_text_buttons_with_the_opening_line_and_professionals_call_only(client, world):
    world.six_step()
    html = page(client, world)
    assert 'href="tel:07700900123"' in html and 'href="sms:07700900123?&amp;body=It%27s%20me' in html
    assert "You could say: “It&#39;s me, I&#39;m having a bad night”" in html
    assert "If nobody answers: Leave a message and ring Sam" in html
    assert 'href="sms:07700900456"' in html and 'href="tel:07700900456"' not in html  # Sam: text only
    assert 'href="tel:01632960000"' in html and 'href="sms:01632960000' not in html  # a professional: call only
    assert 'href="sms:85258"' in html and 'href="tel:85258"' not in html  # a crisis line people text
    assert "07700 900123" in html  # the number is shown as well


def test_a_draft_shows_its_crisis_items_marked_not_yet_agreed(client, world):
    world.six_step(agree=False)
    text = main_text(page(client, world))
    assert "Not yet agreed" in text and "Jo Bright" in text


def test_with_no_plan_the_organisations_crisis_lines_still_show(client, world):
    text = main_text(page(client, world))
    assert "You do not have a crisis plan yet" in text
    assert "Night line" in text and "Text line" in text


def test_someone_not_to_contact_in_another_plan_is_always_there(client, world):
    world.six_step()
    other = services.start_plan(world.staff, PlanTemplate.objects.get(organisation=None, key="joint-crisis", version=2))
    write(world.staff, other, "crisis", "do-not-contact", {"name": "Marcus", "relationship": "neighbour"})
    text = main_text(page(client, world))
    assert "Marcus (neighbour)" in text and "Dale (my ex)" in text


def test_the_most_recently_agreed_plan_with_something_in_its_crisis_parts_is_used(client, world):
    world.six_step()
    empty = services.start_plan(world.staff, PlanTemplate.objects.get(organisation=None, key="joint-crisis", version=2))
    write(world.staff, empty, "treatment", "prefer", {"text": "TREATMENT-WORDS"})
    version = services.put_forward(world.staff, empty)
    services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    text = main_text(page(client, world))
    assert "Jo Bright" in text and "TREATMENT-WORDS" not in text


def test_the_persons_home_leads_with_the_crisis_page_and_every_page_of_theirs_links_to_it(client, world):
    home = page(client, world, "your_record")
    main = re.search(r"<main.*?</main>", home, re.S).group(0)
    first_link = re.search(r'<a [^>]*href="([^"]+)"', main).group(1)
    assert first_link == reverse("crisis")
    for url in (
        reverse("plan_list", args=[world.person.pk]),
        reverse("your_access_log"),
        reverse("summary", args=[world.person.pk]),
    ):
        html = client.get(url).content.decode()
        assert 'class="safeplan-crisis-bar"><a href="/your-record/crisis/"' in html
    assert 'rel="manifest"' in home


def test_staff_do_not_get_the_crisis_bar_or_the_manifest(client, world):
    client.force_login(world.practitioner)
    html = client.get(reverse("person_record", args=[world.person.pk])).content.decode()
    assert "safeplan-crisis-bar" not in html and 'rel="manifest"' not in html


@pytest.mark.parametrize("name", ["crisis", "crisis_card", "crisis_card_pdf", "crisis_share", "crisis_offline"])
def test_crisis_mode_is_the_persons_own_and_nobody_elses(client, world, name):
    for user in [world.practitioner, world.lead, world.supporter, world.oversight, world.administrator]:
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 404


@pytest.mark.parametrize("name", ["crisis", "crisis_card", "crisis_card_pdf", "crisis_share"])
def test_each_crisis_page_is_audited_once(client, world, name):
    world.six_step()
    client.force_login(world.person.user)
    before = AuditEvent.objects.filter(person_id=world.person.pk).count()
    assert client.get(reverse(name)).status_code == 200
    rows = AuditEvent.objects.filter(person_id=world.person.pk).order_by("-pk")[: 1 + 1]
    assert AuditEvent.objects.filter(person_id=world.person.pk).count() == before + 1
    assert rows[0].object_type.startswith("crisis_")


def test_the_crisis_page_accepts_reading_only(client, world):
    client.force_login(world.person.user)
    assert client.post(reverse("crisis")).status_code == 405


@pytest.mark.parametrize(
    ("written", "dialled"),
    [
        ("07700 900123", "07700900123"),
        ("+44 (0)7700 900123", "+447700900123"),
        ("07700 900123 or 01632 960000", "07700900123"),
        ("01632 960000 ext 23", "01632960000"),
        ("(01632) 960-000", "01632960000"),
        ("85258", "85258"),
        ("ring the ward", ""),
        ("12", ""),
    ],
)
def test_a_number_is_dialled_as_written_first_and_only_if_it_is_a_number(written, dialled):
    from safeplan.plans.crisis import Reach

    assert Reach(name="Jo", phone=written).dial == dialled
    assert Reach(name="Jo", phone=written).can_call is bool(dialled)


def test_a_plan_started_from_a_version_1_template_still_shows_what_to_try(client, world):
    plan = services.start_plan(world.staff, PlanTemplate.objects.get(organisation=None, key="six-step", version=1))
    write(world.me, plan, "on-my-own", "on-my-own", {"text": "TRY-V1: a walk round the block"})
    write(world.me, plan, "crisis", "contact", {"name": "Jo Bright", "phone": "07700 900123"})
    text = main_text(page(client, world))
    assert text.index("TRY-V1") < text.index("Jo Bright")


def test_a_plan_changed_since_it_was_agreed_says_so_and_shows_what_was_agreed(client, world):
    plan = world.six_step()
    write(world.me, plan, "crisis", "contact", {"name": "NEW-CONTACT", "phone": "07700 900999"})
    text = main_text(page(client, world))
    assert "Your plan has changed since then" in text and "NEW-CONTACT" not in text


def test_bringing_the_kept_copy_up_to_date_is_audited_as_that_not_as_a_visit(client, world):
    client.force_login(world.person.user)
    client.get(reverse("crisis"), HTTP_X_SAFEPLAN_KEEPING="1")
    client.get(reverse("crisis"))
    kinds = list(
        AuditEvent.objects.filter(person_id=world.person.pk).order_by("pk").values_list("object_type", flat=True)
    )
    assert kinds[-2:] == ["crisis_page_kept", "crisis_page"]


def test_steps_to_make_surroundings_safer_prompt_the_care_team_to_go_through_them_together(client, world):
    plan = world.six_step(agree=False)
    write(world.me, plan, "surroundings", "safer", {"what": "The car keys", "step": "Jo keeps them", "who": "Jo"})
    url = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": plan.pk})
    client.force_login(world.practitioner)
    staff_page = client.get(url).content.decode()
    assert "Go through these 2 steps with" in staff_page and "SAFER-WHAT: spare tablets" in staff_page
    client.force_login(world.person.user)
    assert "Go through these" not in client.get(url).content.decode()
