"""Every change to a shared decision record: one transaction each, audited, refusing what does not make sense."""

from collections.abc import Collection
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as translated  # a refusal's words, in English until shown
from django.utils.translation import gettext_noop as N_

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
from safeplan.people.models import SupportRelationship
from safeplan.people.records import Action, RecordError, Writer, audit_change

CARRY_ON = N_("Carry on as now")  # stored in English; shown in the reader's language (presenters.option_title)

__all__ = ["DecisionError", "Writer"]


class DecisionError(RecordError):
    """A change to a decision this user may not make, or that does not make sense. Its words are in English; those
    the person can meet are marked N_ and read in the reader's language, translated only when shown."""

    def __str__(self) -> str:
        return translated(super().__str__())


def _check(writer: Writer, decision: Decision | None = None) -> None:
    writer.check(decision.person_id if decision is not None else None, error=DecisionError, what="decision")


def _text(value: str, what: str, *, required: bool = True, limit: int = 4000) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DecisionError(f"Enter {what}.")
    if len(value) > limit:
        raise DecisionError(f"{what[0].upper() + what[1:]} must be {limit} characters or fewer.")
    return value


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def start_decision(writer: Writer, *, question: str, context: str = "", now: datetime | None = None) -> Decision:
    """A decision in plain words, with "carry on as now" as its first option."""
    _check(writer)
    question = _text(question, "the decision in a few words", limit=300)
    context = _text(context, "the context", required=False)
    with transaction.atomic():
        decision = Decision.objects.create(
            person=writer.access.person,
            question=question,
            context=context,
            created_by=writer.user,
            created_at=_now(now),
        )
        Option.objects.create(
            decision=decision,
            title=CARRY_ON,
            carry_on=True,
            **writer.authored(_now(now)),
        )
        audit_change(writer, Action.CREATE, "decision", decision.pk)
    return decision


def _open(decision: Decision) -> None:
    agreement = Agreement.objects.filter(decision=decision, final_at__isnull=False).first()
    if agreement is not None:
        raise DecisionError(N_("This decision has been made. Record what happened, or start a new decision."))


def add_option(
    writer: Writer,
    decision: Decision,
    *,
    title: str,
    benefits: str = "",
    harms_now: str = "",
    now: datetime | None = None,
) -> Option:
    _check(writer, decision)
    _open(decision)
    title = _text(title, "the option", limit=200)
    if decision.options.filter(title__iexact=title).exists():
        raise DecisionError(N_("There is already an option with that name."))
    with transaction.atomic():
        option = Option.objects.create(
            decision=decision,
            title=title,
            benefits=_text(benefits, "the benefits", required=False),
            harms_now=_text(harms_now, "the possible harms now", required=False),
            **writer.authored(_now(now)),
        )
        audit_change(writer, Action.CREATE, "decision_option", option.pk)
    return option


def add_later_harm(
    writer: Writer,
    option: Option,
    *,
    area: str,
    description: str,
    likelihood: str,
    seriousness: str,
    now: datetime | None = None,
) -> LaterHarm:
    """A possible harm to the person's life later: work, money, housing, relationships, caring, liberty, confidence."""
    _check(writer, option.decision)
    _open(option.decision)
    if area not in LaterHarm.Area.values:
        raise DecisionError(N_("Choose which part of life it could harm."))
    if likelihood not in LaterHarm.Likelihood.values:
        raise DecisionError(N_("Choose how likely it seems."))
    if seriousness not in LaterHarm.Seriousness.values:
        raise DecisionError(N_("Choose how serious it would be."))
    with transaction.atomic():
        harm = LaterHarm.objects.create(
            option=option,
            area=area,
            description=_text(description, "the possible harm", limit=2000),
            likelihood=likelihood,
            seriousness=seriousness,
            **writer.authored(_now(now)),
        )
        audit_change(writer, Action.CREATE, "decision_later_harm", harm.pk)
    return harm


def record_view(
    writer: Writer,
    decision: Decision,
    *,
    reasons: str,
    preferred: Option | None,
    voice: str | None = None,
    supporter: SupportRelationship | None = None,
    now: datetime | None = None,
) -> View:
    """Someone's view, kept with its author. The person writes their own; the care team writes its own, or writes
    down the person's, a supporter's or an advocate's view for them (and says so)."""
    _check(writer, decision)
    _open(decision)
    person = writer.access.person
    if preferred is not None and preferred.decision_id != decision.pk:
        raise DecisionError(N_("Choose one of this decision's options."))
    if writer.is_person:
        voice, speaker = View.Voice.PERSON, person.full_name
    elif voice == View.Voice.PERSON:
        speaker = person.full_name
    elif voice in (View.Voice.SUPPORTER, View.Voice.ADVOCATE):
        if supporter is None or supporter.person_id != person.pk:
            raise DecisionError("Choose whose view this is.")
        voice = View.Voice.ADVOCATE if supporter.kind == "advocate" else View.Voice.SUPPORTER
        speaker = str(supporter.user)
    else:
        voice, speaker = View.Voice.PRACTITIONER, str(writer.user)
    with transaction.atomic():
        view = View.objects.create(
            decision=decision,
            voice=voice,
            speaker=speaker,
            preferred=preferred,
            reasons=_text(reasons, "the reasons"),
            **writer.authored(_now(now)),
        )
        audit_change(writer, Action.CREATE, "decision_view", view.pk)
    return view


def current_views(decision: Decision, *, leaving_out: Collection[int] = ()) -> list[View]:
    """The latest view of each speaker: the person's first, then the others in the order they first spoke.
    Disagreement stays visible. `leaving_out` views are read as if never written (withheld, for a supporter)."""
    latest: dict[tuple[str, str], View] = {}
    views = View.objects.filter(decision=decision).exclude(pk__in=leaving_out).select_related("preferred")
    for view in views.order_by("written_at", "pk"):
        latest[(view.voice, view.speaker)] = view  # a speaker who speaks again keeps their place
    return sorted(latest.values(), key=lambda view: view.voice != View.Voice.PERSON)  # stable: keeps that order


def persons_view(decision: Decision) -> View | None:
    """The person's latest view, whoever wrote it down."""
    views = View.objects.filter(decision=decision, voice=View.Voice.PERSON).select_related("preferred")
    return views.order_by("-written_at", "-pk").first()


def assess_capacity(
    writer: Writer,
    decision: Decision,
    *,
    understand: bool,
    retain: bool,
    weigh: bool,
    communicate: bool,
    notes: str,
    fluctuating: bool = False,
    review_on: date | None = None,
    now: datetime | None = None,
) -> CapacityAssessment:
    """Record a decision-specific capacity assessment. Capacity is presumed until one is recorded; the outcome
    follows from the four questions, and an unwise choice is not a reason for any of them to be no."""
    _check(writer, decision)
    if not writer.is_care_team:
        raise DecisionError("A practitioner records a capacity assessment.")
    if fluctuating and review_on is None:
        raise DecisionError("Capacity that comes and goes needs a date to look at it again.")
    if review_on is not None and review_on <= timezone.localdate():
        raise DecisionError("The date to look again must be in the future.")
    with transaction.atomic():
        assessment = CapacityAssessment.objects.create(
            decision=decision,
            understand=understand,
            retain=retain,
            weigh=weigh,
            communicate=communicate,
            has_capacity=all([understand, retain, weigh, communicate]),
            fluctuating=fluctuating,
            review_on=review_on,
            notes=_text(notes, "what you found"),
            **writer.authored(_now(now)),
        )
        audit_change(writer, Action.CREATE, "decision_capacity", assessment.pk)
    return assessment


def capacity(decision: Decision) -> CapacityAssessment | None:
    """The latest assessment, or None: capacity presumed."""
    return CapacityAssessment.objects.filter(decision=decision).order_by("-written_at", "-pk").first()


def check_framework(
    writer: Writer, decision: Decision, *, framework: str, applies: bool, note: str, now: datetime | None = None
) -> LegalCheck:
    _check(writer, decision)
    if framework not in LegalCheck.Framework.values:
        raise DecisionError(N_("Choose a framework from the list."))
    with transaction.atomic():
        check = LegalCheck.objects.create(
            decision=decision,
            framework=framework,
            applies=applies,
            note=_text(note, "a note", required=False),
            **writer.authored(_now(now)),
        )
        audit_change(writer, Action.CREATE, "decision_legal_check", check.pk)
    return check


def legal_checks(decision: Decision, *, leaving_out: Collection[int] = ()) -> dict[str, LegalCheck]:
    """The latest note on each framework; `leaving_out` notes are read as if never written."""
    latest: dict[str, LegalCheck] = {}
    for check in LegalCheck.objects.filter(decision=decision).exclude(pk__in=leaving_out).order_by("written_at", "pk"):
        latest[check.framework] = check
    return latest


def propose_agreement(
    writer: Writer,
    decision: Decision,
    *,
    chosen: Option,
    look_again_if: str,
    review_on: date,
    person_will: str = "",
    staff_will: str = "",
    others_will: str = "",
    now: datetime | None = None,
) -> Agreement:
    """Write down what is agreed, for the person and a practitioner to sign. Needs two options and the person's view."""
    _check(writer, decision)
    _open(decision)
    if decision.options.count() < 2:
        raise DecisionError(N_("Add at least one option besides carrying on as now."))
    if chosen.decision_id != decision.pk:
        raise DecisionError(N_("Choose one of this decision's options."))
    if persons_view(decision) is None:
        raise DecisionError(N_("Record the person's view before writing down the agreement."))
    if review_on <= timezone.localdate():
        raise DecisionError(N_("The review date must be in the future."))
    assessed = capacity(decision)
    if assessed is not None and assessed.fluctuating and assessed.review_on and review_on > assessed.review_on:
        raise DecisionError(
            N_("Capacity comes and goes: review the decision by the date set to look at capacity again.")
        )
    fields = {
        "chosen": chosen,
        "person_will": _text(person_will, "what the person will do", required=False, limit=2000),
        "staff_will": _text(staff_will, "what staff will do", required=False, limit=2000),
        "others_will": _text(others_will, "what others will do", required=False, limit=2000),
        "look_again_if": _text(look_again_if, "what would make you look again", limit=2000),
        "review_on": review_on,
        "proposed_by_name": str(writer.user),
        "proposed_at": _now(now),
        "person_signed_by": "",
        "person_signed_at": None,
        "practitioner_signed_by": "",
        "practitioner_signed_at": None,
    }
    with transaction.atomic():
        agreement, _ = Agreement.objects.update_or_create(decision=decision, defaults=fields)
        audit_change(writer, Action.UPDATE, "decision_agreement", agreement.pk)
    return agreement


def sign_agreement(writer: Writer, agreement: Agreement, *, now: datetime | None = None) -> Agreement:
    """The person and a practitioner each sign; the second signature makes it final."""
    _check(writer, agreement.decision)
    _open(agreement.decision)
    moment = _now(now)
    if writer.is_person:
        if agreement.person_signed_at:
            raise DecisionError(N_("You have already signed this."))
        agreement.person_signed_by, agreement.person_signed_at = str(writer.user), moment
    else:
        if agreement.practitioner_signed_at:
            raise DecisionError("A practitioner has already signed this.")
        agreement.practitioner_signed_by, agreement.practitioner_signed_at = str(writer.user), moment
    if agreement.person_signed_at and agreement.practitioner_signed_at:
        agreement.final_at = moment
    with transaction.atomic():
        agreement.save()
        audit_change(writer, Action.SIGN, "decision_agreement", agreement.pk)
        if agreement.final_at:
            audit_change(writer, Action.AGREE, "decision_agreement", agreement.pk)
    return agreement


def decide_against_preference(
    writer: Writer, agreement: Agreement, *, reason: str, now: datetime | None = None
) -> Agreement:
    """When a decision has to be made against the person's preference: their view stands recorded beside the
    reason, and the practitioner signs it alone."""
    _check(writer, agreement.decision)
    _open(agreement.decision)
    if not writer.is_care_team:
        raise DecisionError("Only a practitioner can record a decision made against the person's preference.")
    view = persons_view(agreement.decision)
    if view is None or view.preferred_id == agreement.chosen_id:
        raise DecisionError("The person's recorded view does not disagree with this option.")
    moment = _now(now)
    agreement.against_preference_reason = _text(reason, "the reason the decision goes against their preference")
    agreement.practitioner_signed_by, agreement.practitioner_signed_at = str(writer.user), moment
    agreement.final_at = moment
    with transaction.atomic():
        agreement.save()
        audit_change(writer, Action.AGREE, "decision_agreement", agreement.pk, "against preference")
    return agreement


def record_outcome(
    writer: Writer, decision: Decision, *, what_happened: str, what_we_learned: str = "", now: datetime | None = None
) -> Outcome:
    """Afterwards, at review: what happened and what was learned, from the person and from the care team."""
    _check(writer, decision)
    if not Agreement.objects.filter(decision=decision, final_at__isnull=False).exists():
        raise DecisionError(N_("Record what happened once the decision has been made."))
    with transaction.atomic():
        outcome = Outcome.objects.create(
            decision=decision,
            voice=View.Voice.PERSON if writer.is_person else View.Voice.PRACTITIONER,
            what_happened=_text(what_happened, "what happened"),
            what_we_learned=_text(what_we_learned, "what was learned", required=False),
            **writer.authored(_now(now)),
        )
        audit_change(writer, Action.CREATE, "decision_outcome", outcome.pk)
    return outcome
