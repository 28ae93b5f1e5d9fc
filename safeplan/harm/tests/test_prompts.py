"""Each conversation prompt appears exactly in its situation, and the plan cannot be agreed until it is recorded."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from safeplan.harm import services
from safeplan.harm.prompts import applicable
from safeplan.plans import services as plan_services
from safeplan.plans.models import Plan, PlanVersion


def keys(world) -> list[str]:
    return [p.key for p in applicable(Plan.objects.select_related("person").get(pk=world.harm_plan.pk))]


def test_no_prompt_for_an_adult_who_has_not_said_they_want_to_stop_and_has_no_recent_thoughts(world):
    world.choose("areas-to-avoid")
    world.answer("recent-suicidal-thoughts", "no")
    world.answer("want-to-stop", "no")
    assert keys(world) == []


def test_anatomy_information_with_recent_thoughts_of_suicide_prompts_a_conversation(world):
    world.choose("areas-to-avoid")
    assert keys(world) == []  # information about the body on its own: no prompt
    world.answer("recent-suicidal-thoughts", "yes")
    assert keys(world) == ["anatomy-and-suicidal-thoughts"]


def test_recent_thoughts_of_suicide_without_anatomy_information_prompt_nothing(world):
    world.choose("ice")
    world.answer("recent-suicidal-thoughts", "yes")
    assert keys(world) == []


def test_thoughts_recorded_more_than_four_weeks_ago_are_no_longer_recent(world):
    world.choose("areas-to-avoid")
    world.answer("recent-suicidal-thoughts", "yes")
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert keys(world) == []


def test_wanting_to_stop_prompts_a_conversation_about_that_goal(world):
    world.answer("want-to-stop", "yes")
    assert keys(world) == ["wants-to-stop"]


def test_a_young_person_prompts_a_conversation_about_who_should_be_involved(world):
    today = timezone.localdate()
    world.person.date_of_birth = date(today.year - 16, 1, 1)
    world.person.save()
    assert keys(world) == ["young-person"]


def forward_and_sign(world):
    version = plan_services.put_forward(world.staff, world.harm_plan)
    plan_services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    plan_services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    version.refresh_from_db()
    return version


def test_the_plan_cannot_be_agreed_until_the_conversation_is_recorded(world):
    world.choose("areas-to-avoid")
    world.answer("recent-suicidal-thoughts", "yes")
    with pytest.raises(plan_services.PlanError, match="information about the body"):
        forward_and_sign(world)
    assert not PlanVersion.objects.filter(plan=world.harm_plan, agreed_at__isnull=False).exists()
    services.record_conversation(
        world.staff,
        world.harm_plan,
        prompt_key="anatomy-and-suicidal-thoughts",
        note="Talked about keeping this for safety, not to go further. Rowan says the thoughts have passed.",
    )
    version = PlanVersion.objects.get(plan=world.harm_plan)
    plan_services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    plan_services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    version.refresh_from_db()
    assert version.agreed_at is not None


def test_a_plan_with_no_prompt_is_agreed_as_usual(world):
    world.choose("ice")
    assert forward_and_sign(world).agreed_at is not None


def test_only_a_practitioner_records_the_conversation_and_only_for_a_prompt_that_applies(world):
    world.answer("want-to-stop", "yes")
    with pytest.raises(plan_services.PlanError, match="A practitioner records"):
        services.record_conversation(world.me, world.harm_plan, prompt_key="wants-to-stop", note="We talked it over")
    with pytest.raises(plan_services.PlanError, match="nothing to talk through"):
        services.record_conversation(world.staff, world.harm_plan, prompt_key="young-person", note="We talked it over")


def test_the_prompt_and_the_recorded_conversation_are_on_the_plan_page(client, world):
    world.answer("want-to-stop", "yes")
    url = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.harm_plan.pk})
    client.force_login(world.practitioner)
    page = client.get(url).content.decode()
    assert "would like to stop" in page and "Record that you talked this through" in page
    conversation = reverse(
        "harm_conversation",
        kwargs={"person_id": world.person.pk, "plan_id": world.harm_plan.pk, "prompt_key": "wants-to-stop"},
    )
    assert client.post(conversation, {"note": "short"}).status_code == 422
    assert client.post(conversation, {"note": "We agreed to focus on the goal of stopping."}).status_code == 302
    page = client.get(url).content.decode()
    assert "Talked through" in page and "We agreed to focus on the goal of stopping." in page
    client.force_login(world.person.user)
    page = client.get(url).content.decode()
    assert "Your wish to stop" in page and "We agreed to focus on the goal of stopping." in page
    assert "Record that you talked this through" not in page
