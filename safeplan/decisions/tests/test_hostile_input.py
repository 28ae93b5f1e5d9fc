"""Hostile text, dates and numbers posted to every part of a decision record (issue 10, item 6): never a server
error, never unescaped output, and a refused post changes nothing. Generated with hypothesis."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeplan.audit.models import AuditEvent
from safeplan.decisions import services
from safeplan.decisions.models import (
    Agreement,
    CapacityAssessment,
    Decision,
    LaterHarm,
    LegalCheck,
    Option,
    Outcome,
    View,
)

MARK = "<script>alert(1)</script>"
hostile_text = st.one_of(
    st.text(max_size=60),
    st.text(min_size=4001, max_size=4200),
    st.sampled_from(["", " ", "\x00", "\u202e" + MARK, "'; DROP TABLE decisions_option; --", MARK, "{{ 7*7 }}"]),
)
hostile_date = st.one_of(
    st.sampled_from(["", "31/2/2027", "0/0/0", "1/1/99999", "yesterday", "2027-13-40", "-1/-1/-1", "1/1/1900"]),
    st.text(max_size=20),
    st.dates().map(lambda d: f"{d.day}/{d.month}/{d.year}"),
)
hostile_choice = st.one_of(st.text(max_size=20), st.integers().map(str), st.sampled_from(["", "yes", "no", "0"]))
MODELS = [Decision, Option, LaterHarm, View, CapacityAssessment, LegalCheck, Agreement, Outcome]
FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large, HealthCheck.too_slow],
)


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in MODELS)


def post_and_check(client, url: str, data: dict, *, not_found_allowed: bool = False) -> None:
    """A 404 is allowed only where the part does not exist yet (signing or overruling with nothing written down)."""
    before = counts()
    changes = AuditEvent.objects.exclude(action__in=["read", "denied"]).count()
    response = client.post(url, data)
    allowed = (302, 404, 422) if not_found_allowed else (302, 422)
    assert response.status_code in allowed, (url, data, response.status_code)
    body = response.content.decode()
    assert MARK not in body, "posted markup came back unescaped"
    if response.status_code != 302:
        assert counts() == before, (url, data)
        assert AuditEvent.objects.exclude(action__in=["read", "denied"]).count() == changes


@pytest.fixture
def staff(client, world):
    client.force_login(world.practitioner)
    option = world.home()
    services.record_view(world.me, world.decision, reasons="I want to go home", preferred=option)
    return client


def part(world, name: str, **extra) -> str:
    return reverse(name, kwargs={"person_id": world.person.pk, "decision_id": world.decision.pk, **extra})


@FUZZ
@given(title=hostile_text, benefits=hostile_text, harms_now=hostile_text)
def test_options(staff, world, title, benefits, harms_now):
    post_and_check(
        staff, part(world, "decision_add_option"), {"title": title, "benefits": benefits, "harms_now": harms_now}
    )


@FUZZ
@given(area=hostile_choice, description=hostile_text, likelihood=hostile_choice, seriousness=hostile_choice)
def test_later_harms(staff, world, area, description, likelihood, seriousness):
    url = part(world, "decision_add_harm", option_id=world.carry_on.pk)
    data = {"area": area, "description": description, "likelihood": likelihood, "seriousness": seriousness}
    post_and_check(staff, url, data)


@FUZZ
@given(whose=hostile_choice, preferred=hostile_choice, reasons=hostile_text)
def test_views(staff, world, whose, preferred, reasons):
    post_and_check(
        staff, part(world, "decision_add_view"), {"whose": whose, "preferred": preferred, "reasons": reasons}
    )


@FUZZ
@given(
    answers=st.lists(hostile_choice, min_size=4, max_size=4),
    fluctuating=st.sampled_from(["", "on", "true", "x" * 300]),
    review_on=hostile_date,
    notes=hostile_text,
)
def test_capacity(staff, world, answers, fluctuating, review_on, notes):
    data = dict(zip(["understand", "retain", "weigh", "communicate"], answers, strict=True))
    data |= {"fluctuating": fluctuating, "review_on": review_on, "notes": notes}
    post_and_check(staff, part(world, "decision_capacity"), data)


@FUZZ
@given(framework=hostile_choice, applies=hostile_choice, note=hostile_text)
def test_frameworks(staff, world, framework, applies, note):
    post_and_check(
        staff, part(world, "decision_frameworks"), {"framework": framework, "applies": applies, "note": note}
    )


@FUZZ
@given(chosen=hostile_choice, words=st.lists(hostile_text, min_size=4, max_size=4), review_on=hostile_date)
def test_agreement(staff, world, chosen, words, review_on):
    data = dict(zip(["person_will", "staff_will", "others_will", "look_again_if"], words, strict=True))
    post_and_check(staff, part(world, "decision_agreement"), {**data, "chosen": chosen, "review_on": review_on})


@FUZZ
@given(junk=st.dictionaries(st.text(max_size=10), st.text(max_size=50), max_size=4))
def test_signing_and_deciding_against_preference_with_nothing_agreed(staff, world, junk):
    post_and_check(staff, part(world, "decision_sign"), junk, not_found_allowed=True)
    post_and_check(staff, part(world, "decision_against"), {**junk, "reason": MARK}, not_found_allowed=True)


@FUZZ
@given(reason=hostile_text)
def test_deciding_against_preference(staff, world, reason):
    if not Agreement.objects.filter(decision=world.decision).exists():
        services.propose_agreement(
            world.staff,
            world.decision,
            chosen=world.carry_on,
            look_again_if="If things change",
            review_on=timezone.localdate() + timedelta(days=30),
        )
    post_and_check(staff, part(world, "decision_against"), {"reason": reason})


@FUZZ
@given(what_happened=hostile_text, what_we_learned=hostile_text)
def test_afterwards(staff, world, what_happened, what_we_learned):
    post_and_check(
        staff, part(world, "decision_outcome"), {"what_happened": what_happened, "what_we_learned": what_we_learned}
    )
