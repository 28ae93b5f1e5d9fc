from datetime import timedelta

import pytest
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.decisions import services
from safeplan.decisions.models import LaterHarm, View
from safeplan.people.models import SupportRelationship
from safeplan.plans.models import ImmutableRecord

LATER = timezone.localdate() + timedelta(days=14)


def agree(world, chosen, *, person_prefers=None):
    services.record_view(world.me, world.decision, reasons="I want to try", preferred=person_prefers or chosen)
    agreement = services.propose_agreement(
        world.staff,
        world.decision,
        chosen=chosen,
        look_again_if="I stop sleeping",
        review_on=LATER,
        person_will="Ring the ward on Sunday",
    )
    return agreement


def test_a_decision_starts_with_carrying_on_as_now_as_an_option(world):
    assert [o.title for o in world.decision.options.all()] == [services.CARRY_ON]
    assert world.carry_on.carry_on


def test_an_agreement_needs_at_least_two_options(world):
    services.record_view(world.me, world.decision, reasons="Not sure", preferred=None)
    with pytest.raises(services.DecisionError, match="at least one option besides"):
        services.propose_agreement(
            world.staff, world.decision, chosen=world.carry_on, look_again_if="x", review_on=LATER
        )


def test_long_term_harms_are_kept_per_option_in_words_not_scores(world):
    home = world.home()
    services.add_later_harm(
        world.staff,
        world.carry_on,
        area="work",
        description="Another week off could cost the job",
        likelihood="likely",
        seriousness="serious",
    )
    services.add_later_harm(
        world.me,
        home,
        area="confidence",
        description="If it goes badly I might give up",
        likelihood="possible",
        seriousness="moderate",
    )
    assert [h.area for h in world.carry_on.later_harms.all()] == ["work"]
    assert [(h.area, h.likelihood) for h in home.later_harms.all()] == [("confidence", "possible")]
    with pytest.raises(services.DecisionError, match="how likely"):
        services.add_later_harm(world.staff, home, area="money", description="x", likelihood="7", seriousness="minor")
    assert LaterHarm.objects.count() == 2


def test_capacity_is_presumed_unless_assessed_for_this_decision(world):
    assert services.capacity(world.decision) is None
    assessment = services.assess_capacity(
        world.staff,
        world.decision,
        understand=True,
        retain=True,
        weigh=True,
        communicate=True,
        notes="Talked it through with pictures; clear wishes.",
    )
    assert assessment.has_capacity
    unable = services.assess_capacity(
        world.staff,
        world.decision,
        understand=True,
        retain=False,
        weigh=True,
        communicate=True,
        notes="Could not keep the details in mind today.",
    )
    assert not unable.has_capacity and services.capacity(world.decision) == unable


def test_only_a_practitioner_records_a_capacity_assessment(world):
    with pytest.raises(services.DecisionError, match="practitioner"):
        services.assess_capacity(
            world.me, world.decision, understand=True, retain=True, weigh=True, communicate=True, notes="x"
        )


def test_fluctuating_capacity_demands_a_review_date(world):
    with pytest.raises(services.DecisionError, match="needs a date to look at it again"):
        services.assess_capacity(
            world.staff,
            world.decision,
            understand=True,
            retain=True,
            weigh=True,
            communicate=True,
            notes="Varies with sleep",
            fluctuating=True,
        )
    soon = timezone.localdate() + timedelta(days=7)
    services.assess_capacity(
        world.staff,
        world.decision,
        understand=True,
        retain=True,
        weigh=True,
        communicate=True,
        notes="Varies with sleep",
        fluctuating=True,
        review_on=soon,
    )
    home = world.home()
    services.record_view(world.me, world.decision, reasons="I want to try", preferred=home)
    with pytest.raises(services.DecisionError, match="by the date set to look at capacity again"):
        services.propose_agreement(world.staff, world.decision, chosen=home, look_again_if="x", review_on=LATER)


def test_disagreement_is_kept_not_averaged(world):
    home = world.home()
    services.record_view(world.me, world.decision, reasons="I am ready", preferred=home)
    services.record_view(world.staff, world.decision, reasons="One more week", preferred=world.carry_on)
    support = SupportRelationship.objects.get(user=world.supporter)
    services.record_view(
        world.staff, world.decision, reasons="I can stay over", preferred=home, voice="supporter", supporter=support
    )
    views = services.current_views(world.decision)
    assert [(v.voice, v.preferred_id) for v in views] == [
        ("person", home.pk),
        ("practitioner", world.carry_on.pk),
        ("supporter", home.pk),
    ]
    services.record_view(world.me, world.decision, reasons="Still ready, more than ever", preferred=home)
    assert View.objects.filter(voice="person").count() == 2  # the earlier view is kept
    assert [v.reasons for v in services.current_views(world.decision) if v.voice == "person"] == [
        "Still ready, more than ever"
    ]


def test_the_persons_view_comes_first(world):
    home = world.home()
    support = SupportRelationship.objects.get(user=world.supporter)
    services.record_view(world.staff, world.decision, reasons="One more week", preferred=world.carry_on)
    services.record_view(
        world.staff, world.decision, reasons="I can stay over", preferred=home, voice="supporter", supporter=support
    )
    services.record_view(world.me, world.decision, reasons="I am ready", preferred=home)
    assert [v.voice for v in services.current_views(world.decision)] == ["person", "practitioner", "supporter"]


def test_someone_who_gives_their_view_again_keeps_the_place_where_they_first_spoke(world):
    home = world.home()
    support = SupportRelationship.objects.get(user=world.supporter)
    services.record_view(world.me, world.decision, reasons="I am ready", preferred=home)
    services.record_view(world.staff, world.decision, reasons="One more week", preferred=world.carry_on)
    services.record_view(
        world.staff, world.decision, reasons="I can stay over", preferred=home, voice="supporter", supporter=support
    )
    services.record_view(world.staff, world.decision, reasons="Home, with daily visits", preferred=home)
    views = services.current_views(world.decision)
    assert [(v.voice, v.reasons) for v in views] == [
        ("person", "I am ready"),
        ("practitioner", "Home, with daily visits"),
        ("supporter", "I can stay over"),
    ]


def test_no_agreement_without_the_persons_view(world):
    home = world.home()
    services.record_view(world.staff, world.decision, reasons="One more week", preferred=world.carry_on)
    with pytest.raises(services.DecisionError, match="the person's view"):
        services.propose_agreement(world.staff, world.decision, chosen=home, look_again_if="x", review_on=LATER)


def test_both_signatures_make_the_agreement_final_and_then_it_never_changes(world):
    agreement = agree(world, world.home())
    services.sign_agreement(world.staff, agreement)
    assert agreement.final_at is None
    services.sign_agreement(world.me, agreement)
    assert agreement.final_at is not None
    agreement.look_again_if = "something else"
    with pytest.raises(ImmutableRecord):
        agreement.save()
    with pytest.raises(services.DecisionError, match="has been made"):
        services.add_option(world.staff, world.decision, title="Another")


def test_a_decision_against_the_persons_preference_keeps_their_view_and_the_reason(world):
    home = world.home()
    agreement = agree(world, world.carry_on, person_prefers=home)
    with pytest.raises(services.DecisionError, match="Only a practitioner"):
        services.decide_against_preference(world.me, agreement, reason="x")
    services.decide_against_preference(world.staff, agreement, reason="Police concern about the address this week")
    agreement.refresh_from_db()
    assert agreement.final_at and agreement.against_preference_reason and not agreement.person_signed_at
    assert services.persons_view(world.decision).preferred == home


def test_against_preference_is_refused_when_the_person_agrees(world):
    home = world.home()
    agreement = agree(world, home)
    with pytest.raises(services.DecisionError, match="does not disagree"):
        services.decide_against_preference(world.staff, agreement, reason="x")


def test_the_outcome_is_recorded_after_the_decision_by_both(world):
    agreement = agree(world, world.home())
    with pytest.raises(services.DecisionError, match="once the decision has been made"):
        services.record_outcome(world.me, world.decision, what_happened="x")
    services.sign_agreement(world.staff, agreement)
    services.sign_agreement(world.me, agreement)
    services.record_outcome(world.me, world.decision, what_happened="Went well", what_we_learned="I can do more")
    services.record_outcome(world.staff, world.decision, what_happened="Came back on time")
    assert [o.voice for o in world.decision.outcomes.all()] == ["person", "practitioner"]


def test_every_change_is_audited(world):
    before = AuditEvent.objects.count()
    home = world.home()
    services.add_later_harm(
        world.staff, home, area="money", description="Taxi fares", likelihood="likely", seriousness="minor"
    )
    agree(world, home)
    types = list(AuditEvent.objects.filter(seq__gt=before).values_list("object_type", flat=True))
    assert types == ["decision_option", "decision_later_harm", "decision_view", "decision_agreement"]


def test_recorded_rows_cannot_be_rewritten(world):
    home = world.home()
    home.title = "Something else"
    with pytest.raises(ImmutableRecord):
        home.save()
    home.refresh_from_db()
    assert home.title == "Go home on Saturday"


def test_the_database_refuses_to_change_what_was_said_or_a_final_agreement(world):
    from django.db import DatabaseError, transaction

    from safeplan.decisions.models import Agreement

    home = world.home()
    agreement = agree(world, home)
    services.sign_agreement(world.staff, agreement)
    services.sign_agreement(world.me, agreement)
    for model, change in [(View, {"reasons": "rewritten"}), (Agreement, {"look_again_if": "rewritten"})]:
        with pytest.raises(DatabaseError, match="never changed"), transaction.atomic():
            model.objects.all().update(**change)
    assert services.persons_view(world.decision).reasons == "I want to try"


def test_decision_errors_are_record_errors_from_the_kernel():
    from safeplan.people.records import RecordError

    assert issubclass(services.DecisionError, RecordError)
