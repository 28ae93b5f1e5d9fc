"""Synthetic history written straight into the tables, at the dates asked for: the hand-built data sets of the
measures' tests, a year of the demo's two teams, and the benchmark's 100,000 people (site/history_seed.py).

Nothing here goes through the services, because history is what was written on days that have passed: a plan agreed
last March, a concern answered late in June. Rows are the ones the services write (the same fields, both signatures
on an agreed version, an entry's first revision), so every page reads them as it reads anything else. Synthetic
people only; the words are placeholders that say what they are.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from safeplan.concerns.models import Concern, Kind, Nation, Response, State, Step
from safeplan.decisions.models import Agreement, Decision, LaterHarm, Option
from safeplan.followup.models import WITHIN, CrisisEvent, FollowUp
from safeplan.people.models import CareRelationship, Person, SupportRelationship, Team, User
from safeplan.people.withholding import Withholding
from safeplan.plans.models import Entry, EntryRevision, Mode, Plan, PlanTemplate, PlanVersion, Signature, Voice

LONDON = ZoneInfo("Europe/London")
WORDS = "Synthetic words for a measure, not about anyone."


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def authored(user: User, when: datetime, role: str = "practitioner") -> dict[str, Any]:
    return {"written_by": user, "written_by_name": str(user), "written_by_role": role, "written_at": when}


def template(key: str) -> PlanTemplate:
    return PlanTemplate.objects.filter(organisation=None, key=key).order_by("-version").first()  # type: ignore[return-value]


@dataclass
class Rows:
    """Rows to write in bulk, in an order the foreign keys allow (objects carry their own ids where they can)."""

    plans: list[Plan] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    revisions: list[EntryRevision] = field(default_factory=list)
    versions: list[PlanVersion] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    harms: list[LaterHarm] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    withholdings: list[Withholding] = field(default_factory=list)
    supporters: list[SupportRelationship] = field(default_factory=list)
    events: list[CrisisEvent] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)

    def save(self, batch: int = 2000) -> None:
        """Write everything, parents first (a bulk insert gives each row its id on both databases, and a child
        takes its parent's id as it is written)."""
        for name, model in ORDER:
            model._default_manager.bulk_create(getattr(self, name), batch_size=batch)
            getattr(self, name).clear()


ORDER = [
    ("plans", Plan),
    ("entries", Entry),
    ("revisions", EntryRevision),
    ("versions", PlanVersion),
    ("signatures", Signature),
    ("decisions", Decision),
    ("options", Option),
    ("harms", LaterHarm),
    ("agreements", Agreement),
    ("concerns", Concern),
    ("steps", Step),
    ("responses", Response),
    ("withholdings", Withholding),
    ("supporters", SupportRelationship),
    ("events", CrisisEvent),
    ("follow_ups", FollowUp),
]


def cared_for(person: Person, team: Team, started: date, ended: date | None = None) -> CareRelationship:
    return CareRelationship.objects.create(person=person, team=team, started_on=started, ended_on=ended)


def plan(rows: Rows, person: Person, by: User, started: date, key: str = "person-centred") -> Plan:
    when = at(started, 10)
    made = Plan(person=person, template=template(key), started_by=by, started_at=when, updated_at=when)
    rows.plans.append(made)
    return made


def entry(rows: Rows, made: Plan, by: User, written: date, voice: str = Voice.PERSON, *, crisis: bool = False) -> Entry:
    """An entry written on a day, in the template's first part that is not about a crisis (or its first that is)."""
    when = at(written, 11)
    section = next(s for s in made.template.sections if bool(s.get("crisis")) == crisis)
    item = section["items"][0]
    added = Entry(
        plan=made, section_key=section["key"], item_key=item["key"], voice=voice, created_at=when, created_by=by
    )
    rows.entries.append(added)
    rows.revisions.append(
        EntryRevision(entry=added, number=1, fields={"text": WORDS}, mode=Mode.TOGETHER, **authored(by, when))
    )
    return added


def version(
    rows: Rows,
    made: Plan,
    by: User,
    number: int,
    *,
    agreed: date | None,
    review_due: date | None = None,
    person_signs: bool = True,
) -> PlanVersion:
    """A version put forward on the day it was agreed; agreed (both signatures) when `agreed` is given."""
    day = agreed or made.started_at.date()
    when = at(day, 14)
    put = PlanVersion(
        plan=made,
        number=number,
        plan_revision=number,
        snapshot={"template": {"key": made.template.key}, "sections": []},
        content_hash=f"{number:064d}",
        put_forward_by=by,
        put_forward_at=when,
        agreed_at=when if agreed else None,
        review_due=(review_due or day + timedelta(days=182)) if agreed else None,
    )
    rows.versions.append(put)
    rows.signatures.append(
        Signature(version=put, role="practitioner", signer=by, signer_name=str(by), signed_at=when, content_hash="")
    )
    if person_signs and made.person.user is not None:
        signer = made.person.user
        rows.signatures.append(
            Signature(
                version=put, role="person", signer=signer, signer_name=str(signer), signed_at=when, content_hash=""
            )
        )
    return put


def decision(rows: Rows, person: Person, by: User, agreed: date, *, later_harm: bool) -> Decision:
    when = at(agreed, 9)
    made = Decision(person=person, question="A synthetic decision", created_by=by, created_at=when - timedelta(days=7))
    option = Option(decision=made, title="Carry on as now", carry_on=True, **authored(by, when))
    rows.decisions.append(made)
    rows.options.append(option)
    if later_harm:
        rows.harms.append(
            LaterHarm(
                option=option,
                area=LaterHarm.Area.WORK,
                description=WORDS,
                likelihood=LaterHarm.Likelihood.POSSIBLE,
                seriousness=LaterHarm.Seriousness.MODERATE,
                **authored(by, when),
            )
        )
    rows.agreements.append(
        Agreement(
            decision=made,
            chosen=option,
            look_again_if=WORDS,
            review_on=agreed + timedelta(days=90),
            proposed_by_name=str(by),
            proposed_at=when,
            person_signed_by=str(person),
            person_signed_at=when,
            practitioner_signed_by=str(by),
            practitioner_signed_at=when,
            final_at=when,
        )
    )
    return made


def concern(
    rows: Rows,
    person: Person,
    by: User,
    received: date,
    *,
    acknowledged: date | None = None,
    answered: date | None = None,
    acknowledge_by: date | None = None,
    respond_by: date | None = None,
    kind: str = Kind.CONCERN,
    state: str | None = None,
) -> Concern:
    """A case received on a day, acknowledged and answered on the days given (its dates: three and 25 days later,
    unless given)."""
    made = Concern(
        person=person,
        kind=kind,
        about_words="Something else",
        what_happened=WORDS,
        raised_by=by,
        raised_by_name=str(by),
        raised_by_role="the person",
        received_on=received,
        nation=Nation.ENGLAND,
        acknowledge_by=acknowledge_by or received + timedelta(days=3),
        respond_by=respond_by or received + timedelta(days=25),
        delay_letter_by=received + timedelta(days=182),
        state=state or (State.RESPONDED if answered else State.ACKNOWLEDGED if acknowledged else State.RECEIVED),
        created_at=at(received, 9),
    )
    rows.concerns.append(made)
    rows.steps.append(Step(concern=made, state=State.RECEIVED, **authored(by, at(received, 9))))
    if acknowledged:
        rows.steps.append(Step(concern=made, state=State.ACKNOWLEDGED, **authored(by, at(acknowledged, 15))))
    if answered:
        rows.steps.append(Step(concern=made, state=State.RESPONDED, **authored(by, at(answered, 16))))
        rows.responses.append(
            Response(
                concern=made,
                how_looked_into=WORDS,
                found=WORDS,
                will_change=WORDS,
                ombudsman="The ombudsman",
                **authored(by, at(answered, 16)),
            )
        )
    return made


def withholding(
    rows: Rows, person: Person, by: User, decided: date, review_on: date, released: date | None = None
) -> Withholding:
    made = Withholding(
        person=person,
        object_type="plan_entry",
        object_id="0",
        reason=WORDS,
        decided_by=by,
        decided_by_name=str(by),
        decided_by_role="practitioner",
        decided_at=at(decided),
        review_on=review_on,
        released_at=at(released) if released else None,
    )
    rows.withholdings.append(made)
    return made


def supporter(rows: Rows, person: Person, user: User, started: date, ended: date | None = None) -> None:
    rows.supporters.append(
        SupportRelationship(
            person=person, user=user, kind=SupportRelationship.Kind.SUPPORTER, started_on=started, ended_on=ended
        )
    )


def crisis_event(
    rows: Rows,
    person: Person,
    by: User,
    happened: datetime,
    *,
    reached_after: float | None = None,
    kind: str = "discharge",
) -> CrisisEvent:
    """A crisis contact or leaving hospital, and (when `reached_after` hours is given) the call that reached them."""
    made = CrisisEvent(
        person=person,
        kind=kind,
        happened_at=happened,
        follow_up_by=happened + timedelta(hours=WITHIN),
        **authored(by, happened),
    )
    rows.events.append(made)
    if reached_after is not None:
        when = happened + timedelta(hours=reached_after)
        rows.follow_ups.append(
            FollowUp(event=made, contacted_at=when, how=FollowUp.How.PHONE, reached=True, **authored(by, when))
        )
    return made
