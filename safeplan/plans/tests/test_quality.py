"""A plan that is good, not just filled in (issue 13, item 4): each check of the checklist with a plan that meets it
and one that does not; shown to the person and practitioner writing it, never to a supporter, never as a score."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeplan.people.shares import Share
from safeplan.plans import services
from safeplan.plans.models import CrisisLine, Mode, PlanTemplate, Voice
from safeplan.plans.quality import Check, checklist
from safeplan.plans.snapshots import build_snapshot
from safeplan.plans.tests.conftest import PlanWorld

TODAY = date(2026, 11, 25)


@pytest.fixture
def world(db) -> PlanWorld:
    return PlanWorld()


def checks(plan, *, review_due=None, yours=True) -> dict[str, Check]:
    found = checklist(build_snapshot(plan), review_due=review_due, today=TODAY, yours=yours)
    return {check.text.split(":")[0]: check for check in found}


def team_writes(world, plan, section, item, **fields):
    return services.add_entry(
        world.staff, plan, section_key=section, item_key=item, fields=fields, voice=Voice.CARE_TEAM, mode=Mode.OWN
    )


def six_step(world):
    template = PlanTemplate.objects.get(organisation=None, key="six-step", version=1)
    return services.start_plan(world.staff, template)


def test_every_part_has_something_in_it_or_the_empty_parts_are_named(world):
    empty = checks(world.plan)["0 of 4 parts have something in them"]
    assert not empty.met and "“If I am in crisis”" in empty.detail
    plan = six_step(world)
    for section, item in [
        ("warning-signs", "signs"),
        ("on-my-own", "on-my-own"),
        ("distraction", "places"),
        ("surroundings", "safer"),
        ("matters", "matters"),
    ]:
        team_writes(world, plan, section, item, text="Walking by the river with my sister after tea")
    team_writes(world, plan, "crisis", "contact", name="Sam", phone="07700 900123")
    assert not checks(plan)["6 of 7 parts have something in them"].met  # professionals still empty
    team_writes(world, plan, "professionals", "professional", name="Crisis team", phone="01632 960000")
    assert checks(plan)["7 of 7 parts have something in them"] == Check(True, "7 of 7 parts have something in them")


def test_at_least_one_person_to_ask_for_help(world):
    assert not checks(world.plan)["At least one person to ask for help, with their number"].met
    team_writes(world, world.plan, "crisis", "contact", name="My sister Jo", phone="07700 900123")
    assert checks(world.plan)["At least one person to ask for help, with their number"].met


def test_the_six_step_plan_needs_someone_to_take_their_mind_off_things_and_safer_surroundings(world):
    plan = six_step(world)
    found = checks(plan)
    distract = found["At least one person or place to take your mind off things"]
    assert not distract.met and distract.detail == "In “Step 3: People and places that take my mind off things”"
    assert not found["Something to make surroundings safer, with who will do it"].met
    team_writes(world, plan, "distraction", "places", text="The café on Mill Street with Jo")
    team_writes(world, plan, "surroundings", "safer", text="Jo keeps my tablets at her flat until Friday")
    found = checks(plan)
    assert found["At least one person or place to take your mind off things"].met
    assert found["Something to make surroundings safer, with who will do it"].met
    assert "At least one person or place to take your mind off things" not in checks(world.plan)  # no such part


def test_crisis_lines_are_listed_and_their_numbers_checked_in_the_last_year(world):
    org = world.person.organisation
    plan = six_step(world)
    assert checks(plan)["Crisis lines to call at any time"].met is False
    line = CrisisLine.objects.create(organisation=org, name="Night line", phone="0800 000 0000", last_checked=TODAY)
    assert checks(plan)["Crisis line numbers checked in the last year"].met
    line.last_checked = TODAY - timedelta(days=400)
    line.save()
    stale = checks(plan)["Crisis line numbers checked in the last year"]
    assert not stale.met and stale.detail == "Not checked lately: Night line"


def test_each_thing_to_do_says_what_where_or_with_whom(world):
    team_writes(world, world.plan, "crisis", "feel-safe", text="Sitting in Jo's kitchen with the radio on")
    assert checks(world.plan)["Each thing to do says what, where or with whom"].met
    for vague in ["Stay positive!", "keep busy", "Relax", "Don't do it"]:
        team_writes(world, world.plan, "staying-well", "coping", text=vague)
    general = checks(world.plan)["Each thing to do says what, where or with whom"]
    assert not general.met and general.detail == "Could say more: “Stay positive!”, “keep busy”, “Relax”"
    plan = six_step(world)
    team_writes(world, plan, "warning-signs", "signs", text="Crying")  # a warning sign may rightly be one word
    team_writes(world, plan, "matters", "matters", text="Family")
    assert checks(plan)["Each thing to do says what, where or with whom"].met


def test_the_persons_own_words_are_in_it(world):
    team_writes(world, world.plan, "crisis", "feel-safe", text="Sitting in Jo's kitchen with the radio on")
    assert not checks(world.plan, yours=False)["The person's own words are in it"].met
    world.person_writes()
    assert checks(world.plan)["Your own words are in it"].met


def test_a_date_to_look_at_it_again_together(world):
    missing = checks(world.plan)["A date to look at it again together"]
    assert not missing.met and missing.detail == "Set when a version is agreed"
    assert checks(world.plan, review_due=TODAY + timedelta(days=30))["A date to look at it again together"].met
    passed = checks(world.plan, review_due=TODAY - timedelta(days=1))["A date to look at it again together"]
    assert not passed.met and passed.detail == "It was due on 24 November 2026"


def test_the_checklist_is_for_those_writing_the_plan_and_is_never_a_score(client, world):
    url = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})
    for user in [world.person.user, world.practitioner]:
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "What makes a plan work well" in page and "0 of 4 parts have something in them" in page
        assert "score" not in page.lower() and "%" not in page
    Share.objects.create(
        support=world.person.supporters.get(user=world.supporter),
        object_type="plan",
        object_id=str(world.plan.pk),
        part="",
        shared_at=timezone.now(),
        shared_by=world.person.user,
    )
    client.force_login(world.supporter)
    page = client.get(url)
    assert page.status_code == 200 and "What makes a plan work well" not in page.content.decode()


def test_something_withheld_from_the_person_counts_as_there_without_its_words(client, world):
    from safeplan.people.withholding_services import withhold

    secret = team_writes(world, world.plan, "crisis", "feel-unsafe", text="Stay positive")
    reason = "Knowing this now would be likely to cause serious harm to their mental health."
    withhold(world.staff, "plan_entry", secret.pk, reason=reason, review_on=date.today() + timedelta(days=30))
    client.force_login(world.person.user)
    page = client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk}))
    text = page.content.decode()
    assert "1 of 4 parts have something in them" in text and "Stay positive" not in text
