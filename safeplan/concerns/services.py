"""Every change to a concern: raising it (online, or recorded by staff when it came another way), each step of the
case, the response with its four parts, and what the raiser said of it. One transaction each, audited; a case moves
on only from the state the actor saw (a conditional update), so two staff cannot both acknowledge it.

Raising a concern never changes anything else about the person's care: nothing here touches another capability.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safeplan.concerns.about import About
from safeplan.concerns.models import (
    DEFAULTS,
    ComplaintsPolicy,
    Concern,
    Kind,
    Nation,
    ReceivedHow,
    Response,
    Satisfaction,
    State,
    Step,
)
from safeplan.concerns.working_days import add_working_days
from safeplan.core.dates import add_months
from safeplan.people.access import RecordAccess
from safeplan.people.models import Organisation, SupportRelationship
from safeplan.people.records import Action, RecordError, Writer, audit_change
from safeplan.people.shares import ADVOCACY_SCOPES

RAISE_CONCERNS = "raise_concerns"
assert RAISE_CONCERNS in ADVOCACY_SCOPES  # noqa: S101 - the scope the circle records for advocates


class ConcernError(RecordError):
    """A change to a concern that cannot be made; the message is safe to show. Those a person or supporter can meet
    (raising one, saying whether the response put things right) are in the reader's language; the care team's are
    English."""


def policy_for(organisation: Organisation, at: datetime | None = None) -> ComplaintsPolicy:
    """The organisation's policy in force at `at` (now); England's defaults when it has chosen none."""
    moment = at or timezone.now()
    found = (
        ComplaintsPolicy.objects.filter(organisation=organisation, effective_from__lte=moment)
        .order_by("-effective_from", "-pk")
        .first()
    )
    if found is not None:
        return found
    return ComplaintsPolicy(organisation=organisation, nation=Nation.ENGLAND, **DEFAULTS[Nation.ENGLAND])


@dataclass(frozen=True)
class Raiser:
    """Who is raising a concern, from which access they hold (never from words anyone typed)."""

    words: str
    is_person: bool = False
    for_the_person: bool = False  # an advocate acting for them: the person follows the case
    recording: bool = False  # the care team recording one that came another way


def raiser(writer: Writer) -> Raiser:
    """Who is raising it, or a refusal (see `raiser_for`)."""
    return raiser_for(writer.access)


def raiser_for(access: RecordAccess) -> Raiser:
    """Who may raise one here: the person; a supporter the person shares with (their own concern); an advocate the
    person has asked to raise concerns for them; the care team recording one that came another way. Else a refusal."""
    if access.grant is not None:
        raise ConcernError("Emergency access is for reading only.")
    if access.is_person:
        return Raiser("the person", is_person=True)
    if access.is_care_team:
        return Raiser("recorded by the care team", recording=True)
    if access.is_supporter and access.support is not None:
        if access.support.kind == SupportRelationship.Kind.ADVOCATE:
            if not access.may_act_for(RAISE_CONCERNS):
                raise ConcernError(f"{access.person.name_to_use} has not asked you to raise concerns for them.")
            return Raiser("their advocate, on their behalf", for_the_person=True)
        return Raiser(f"their {access.support.relationship or 'supporter'}")
    raise ConcernError("Emergency access is for reading only.")


def raiser_role(writer: Writer) -> str:
    return raiser(writer).words


def raise_concern(
    writer: Writer,
    *,
    kind: str,
    about: About,
    what_happened: str,
    would_like: str = "",
    contact_ok: bool = True,
    contact_how: str = "",
    event_on: date | None = None,
    received_how: str = ReceivedHow.ONLINE,
    received_on: date | None = None,
    raised_by_name: str = "",
    raised_by_role: str = "",
    for_the_person: bool = True,
    late_accepted_reason: str = "",
    now: datetime | None = None,
) -> Concern:
    """A new case, received today (or, recorded by staff, on the day it came, with who raised it, who they are to
    the person, and whether it was raised by or for the person), with its time limits from the organisation's
    policy in force now. The person follows the cases raised by them or for them; a supporter's own concern is
    theirs to follow."""
    who = raiser(writer)
    role = who.words
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    if kind not in Kind.values:
        raise ConcernError(_("Choose whether it is a concern or a compliment."))
    what_happened, would_like = what_happened.strip(), would_like.strip()
    if not what_happened:
        raise ConcernError(_("Say what happened.") if kind == Kind.CONCERN else _("Say what went well."))
    if not about.words.strip():
        raise ConcernError(_("Say what it is about."))
    recorded = writer.is_care_team
    if recorded:
        if received_how == ReceivedHow.ONLINE or received_how not in ReceivedHow.values:
            raise ConcernError("Say how it came to you: by phone, on paper, by e-mail or in person.")
        if received_on is None or received_on > today:
            raise ConcernError("Enter the day it was received. It cannot be in the future.")
        if not raised_by_name.strip() or not raised_by_role.strip():
            raise ConcernError("Enter who raised it, and who they are to the person.")
        role = raised_by_role.strip()
    else:
        received_how, received_on, raised_by_name = ReceivedHow.ONLINE, today, str(writer.user)
    if event_on is not None and event_on > today:
        raise ConcernError(_("When it happened cannot be in the future."))
    policy = policy_for(writer.access.person.organisation, _end_of(received_on))  # in force the day it came
    past = kind == Kind.CONCERN and past_time_limit(event_on, received_on, policy.time_limit_months)
    if past:  # online, it is received and flagged for staff to decide; recorded by staff, they decide now
        if recorded and not late_accepted_reason.strip():
            raise ConcernError(
                f"This happened more than {policy.time_limit_months} months before it was received. "
                "Say why it can still be looked into (for example, they could not raise it sooner)."
            )
    with transaction.atomic():
        concern = Concern.objects.create(
            person=writer.access.person,
            kind=kind,
            about_type=about.object_type,
            about_id=about.object_id,
            about_part=about.part,
            about_words=about.words.strip()[:300],
            what_happened=what_happened,
            would_like=would_like,
            contact_ok=contact_ok,
            contact_how=contact_how.strip() if contact_ok else "",
            raised_by=writer.user,
            raised_by_name=raised_by_name.strip(),
            raised_by_role=role,
            on_behalf=who.for_the_person,
            person_follows=who.is_person or who.for_the_person or (who.recording and for_the_person),
            received_how=received_how,
            received_on=received_on,
            event_on=event_on,
            past_time_limit=past,
            late_accepted_reason=late_accepted_reason.strip() if past else "",
            nation=policy.nation,
            acknowledge_by=add_working_days(received_on, policy.acknowledge_days, policy.nation),
            respond_by=add_working_days(received_on, policy.respond_days, policy.nation),
            delay_letter_by=add_months(received_on, policy.delay_letter_months),
            created_at=moment,
        )
        _step(writer, concern, State.RECEIVED, "", moment)
        audit_change(writer, Action.CREATE, "concern", concern.pk, concern.kind)
    return concern


def _end_of(day: date) -> datetime:
    """The last moment of a day, in the service's time zone: a policy in force that day applies to what came then."""
    return timezone.make_aware(datetime.combine(day, time.max))


def time_limit_months(concern: Concern) -> int:
    """The time limit of the policy the case was received under."""
    return policy_for(concern.person.organisation, _end_of(concern.received_on)).time_limit_months


def past_time_limit(event_on: date | None, received_on: date, months: int) -> bool:
    """Whether it was received more than `months` after it happened."""
    return event_on is not None and received_on > add_months(event_on, months)


def _step(
    writer: Writer, concern: Concern, state: str, note: str, now: datetime, respond_by: date | None = None
) -> Step:
    return Step.objects.create(concern=concern, state=state, note=note, respond_by=respond_by, **writer.authored(now))


def _care_team(writer: Writer, concern: Concern) -> None:
    if not writer.is_care_team:
        raise ConcernError("The care team moves a concern on.")
    writer.check(concern.person_id, error=ConcernError, what="concern")


def _move(
    writer: Writer, concern: Concern, *, from_states: Collection[str], to: str, note: str = "", **fields: object
) -> Step:
    """Move the case on, only from a state the actor saw; the step and its audit row in the same transaction."""
    _care_team(writer, concern)
    moment = timezone.now()
    with transaction.atomic():
        moved = Concern.objects.filter(pk=concern.pk, state__in=from_states).update(state=to, **fields)
        if moved != 1:
            raise ConcernError("Someone else has already moved this case on. Look at it again.")
        step = _step(writer, concern, to, note.strip(), moment)
        audit_change(writer, Action.UPDATE, "concern", concern.pk, to)
    concern.state = to
    for name, value in fields.items():
        setattr(concern, name, value)
    return step


def acknowledge(writer: Writer, concern: Concern, note: str = "") -> Step:
    """Acknowledged, and an offer to talk it through (the note says how and when). A concern received past the time
    limit is acknowledged only with why it can still be looked into (else it is closed, saying why not)."""
    if awaiting_time_limit_decision(concern):
        if not note.strip():
            raise ConcernError(
                "This came after the time limit. Say why it can still be looked into (for example, they could not "
                "raise it sooner and it can still be looked into fairly), or close it and say why not."
            )
        return _move(
            writer,
            concern,
            from_states={State.RECEIVED},
            to=State.ACKNOWLEDGED,
            note=note,
            late_accepted_reason=note.strip(),
        )
    return _move(writer, concern, from_states={State.RECEIVED}, to=State.ACKNOWLEDGED, note=note)


def awaiting_time_limit_decision(concern: Concern) -> bool:
    """Raised online past the time limit, and nobody has yet said whether it can still be looked into."""
    return concern.past_time_limit and not concern.late_accepted_reason and concern.state == State.RECEIVED


def take_on(writer: Writer, concern: Concern) -> Step:
    """The signed-in practitioner looks into it and is named to the raiser as handling it."""
    if concern.kind == Kind.COMPLIMENT:
        raise ConcernError("A compliment is thanked and closed, not looked into.")
    if awaiting_time_limit_decision(concern):
        raise ConcernError("This came after the time limit: acknowledge it first, saying why it can be looked into.")
    words = f"{writer.user} is looking into it."
    return _move(
        writer,
        concern,
        from_states={State.RECEIVED, State.ACKNOWLEDGED},
        to=State.LOOKING_INTO,
        note=words,
        handler=writer.user,
    )


def agree_new_date(writer: Writer, concern: Concern, respond_by: date, reason: str) -> Step:
    """A new response date agreed with the raiser, with the reason they are told."""
    _care_team(writer, concern)
    if concern.kind != Kind.CONCERN:
        raise ConcernError("A compliment is thanked, not answered by a date.")
    if concern.state in (State.RESPONDED, State.CLOSED, State.REFERRED):
        raise ConcernError("The response has already been sent.")
    if not reason.strip():
        raise ConcernError("Say why the response will take longer, as the raiser will read it.")
    if respond_by <= timezone.localdate():
        raise ConcernError("The new date must be after today.")
    moment = timezone.now()
    with transaction.atomic():
        open_states = (State.RECEIVED, State.ACKNOWLEDGED, State.LOOKING_INTO)
        if Concern.objects.filter(pk=concern.pk, state__in=open_states).update(respond_by=respond_by) != 1:
            raise ConcernError("Someone else has already moved this case on. Look at it again.")
        step = _step(writer, concern, concern.state, reason.strip(), moment, respond_by=respond_by)
        audit_change(writer, Action.UPDATE, "concern", concern.pk, f"response by {respond_by}")
    concern.respond_by = respond_by
    return step


def send_delay_letter(writer: Writer, concern: Concern, note: str) -> Step:
    """The letter explaining why the response is taking so long (due six months after receipt), with what it said."""
    _care_team(writer, concern)
    if concern.kind != Kind.CONCERN or concern.state not in (State.RECEIVED, State.ACKNOWLEDGED, State.LOOKING_INTO):
        raise ConcernError("A delay letter is for a concern still waiting for its response.")
    if not note.strip():
        raise ConcernError("Say what the letter told them, as they will read it here.")
    moment = timezone.now()
    with transaction.atomic():
        step = Step.objects.create(
            concern=concern, state=concern.state, note=note.strip(), delay_letter=True, **writer.authored(moment)
        )
        audit_change(writer, Action.UPDATE, "concern", concern.pk, "delay letter sent")
    return step


def respond(
    writer: Writer, concern: Concern, *, how_looked_into: str, found: str, will_change: str, apology: str = ""
) -> Response:
    """The response, with every one of its parts, and the ombudsman of the policy the case was received under."""
    if concern.kind != Kind.CONCERN:
        raise ConcernError("A compliment is thanked, not answered.")
    parts = {"how it was looked into": how_looked_into, "what was found": found, "what will change": will_change}
    missing = [name for name, words in parts.items() if not words.strip()]
    if missing:
        raise ConcernError(
            f"Say {missing[0]}. Every response says how it was looked into, what was found and what will change."
        )
    policy = policy_for(concern.person.organisation, _end_of(concern.received_on))
    ombudsman = f"{policy.ombudsman_name}, {policy.ombudsman_phone}, {policy.ombudsman_url}"
    with transaction.atomic():
        _move(writer, concern, from_states={State.ACKNOWLEDGED, State.LOOKING_INTO}, to=State.RESPONDED)
        response = Response.objects.create(
            concern=concern,
            how_looked_into=how_looked_into.strip(),
            found=found.strip(),
            will_change=will_change.strip(),
            apology=apology.strip(),
            ombudsman=ombudsman,
            **writer.authored(),
        )
    return response


def close(writer: Writer, concern: Concern, *, referred: bool = False, note: str = "") -> Step:
    """Closed once responded to (a compliment once thanked), or referred on to another organisation with a note."""
    if referred and not note.strip():
        raise ConcernError("Say who it was referred to, and why.")
    outside = not referred and awaiting_time_limit_decision(concern)  # not looked into: past the time limit
    if outside and not note.strip():
        raise ConcernError("Say why it cannot be looked into after the time limit, as they will read it here.")
    if not referred and not outside and concern.kind == Kind.CONCERN and concern.state != State.RESPONDED:
        raise ConcernError("Send the response first, or tick “Referred on” if another organisation is answering it.")
    ready = {State.RESPONDED} if concern.kind == Kind.CONCERN else {State.RECEIVED, State.ACKNOWLEDGED}
    if outside:
        ready = {State.RECEIVED}
    if referred:
        ready = {State.RECEIVED, State.ACKNOWLEDGED, State.LOOKING_INTO}
    return _move(writer, concern, from_states=ready, to=State.REFERRED if referred else State.CLOSED, note=note)


def say_satisfied(writer: Writer, concern: Concern, *, answer: str, words: str = "") -> Satisfaction:
    """The raiser says whether the response put things right for them. Only the raiser (or the person, for a concern
    an advocate raised for them) answers."""
    if writer.is_care_team or (
        concern.raised_by_id != writer.user.pk and not (writer.is_person and concern.person_follows)
    ):
        raise ConcernError(_("Only whoever raised it says whether they are satisfied."))
    if concern.state not in (State.RESPONDED, State.CLOSED) or not Response.objects.filter(concern=concern).exists():
        raise ConcernError(_("You can say this once the response has been sent."))
    if answer not in Satisfaction.Answer.values:
        raise ConcernError(_("Choose yes, partly or no."))
    with transaction.atomic():
        said = Satisfaction.objects.create(concern=concern, answer=answer, words=words.strip(), **writer.authored())
        audit_change(writer, Action.UPDATE, "concern", concern.pk, f"satisfied: {answer}")
    return said
