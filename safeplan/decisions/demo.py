"""Demo decision records for `seed_demo`, one at each stage: being talked through, waiting for signatures, agreed,
decided against the person's preference, and reviewed afterwards."""

from datetime import datetime, timedelta

from django.utils import timezone

from safeplan.decisions import services
from safeplan.people.models import Person, SupportRelationship, User
from safeplan.people.records import Writer, demo_writer


def _writers(person: Person, practitioner: User) -> tuple[Writer, Writer]:
    assert person.user is not None, "demo decisions are for people who sign in"
    return demo_writer(practitioner, person), demo_writer(person.user, person)


def seed_decisions(rowan: Person, lee: Person, kit: Person, staff: dict[str, User]) -> None:
    today = timezone.localdate()

    def at(days_ago: int) -> datetime:
        return timezone.now() - timedelta(days=days_ago)

    priya, me = _writers(rowan, staff["priya"])
    # Reviewed: a weekend at home, agreed, happened, and both said what they learned.
    weekend = services.start_decision(
        priya,
        question="Should I spend the weekend at Casey's?",
        context="First weekend away since the crisis in the spring.",
        now=at(40),
    )
    casey = services.add_option(
        priya,
        weekend,
        title="Stay at Casey's from Friday to Sunday",
        benefits="Time with family and the cat; practice for being home",
        harms_now="Less contact with the team over the weekend",
        now=at(40),
    )
    services.add_later_harm(
        priya,
        weekend.options.get(carry_on=True),
        area="confidence",
        description="Waiting longer could make going home feel harder",
        likelihood="possible",
        seriousness="moderate",
        now=at(40),
    )
    services.record_view(
        me, weekend, reasons="I feel ready, and Casey has the crisis numbers.", preferred=casey, now=at(39)
    )
    support = SupportRelationship.objects.get(person=rowan, kind="supporter")
    services.record_view(
        priya,
        weekend,
        reasons="Happy to have Ro stay; I will text the team on Sunday.",
        preferred=casey,
        voice="supporter",
        supporter=support,
        now=at(39),
    )
    agreement = services.propose_agreement(
        priya,
        weekend,
        chosen=casey,
        look_again_if="If Ro is not sleeping by Thursday",
        review_on=today + timedelta(days=1),
        person_will="Text Casey each evening",
        staff_will="Phone on Friday morning",
        others_will="Casey texts the team on Sunday",
        now=at(38),
    )
    services.sign_agreement(priya, agreement, now=at(38))
    services.sign_agreement(me, agreement, now=at(38))
    services.record_outcome(
        me,
        weekend,
        what_happened="It went well. I was tired on Sunday but OK.",
        what_we_learned="A plan for Sunday evenings helps.",
        now=at(30),
    )
    services.record_outcome(
        priya,
        weekend,
        what_happened="Ro came back on time and in good spirits.",
        what_we_learned="Shorter notice of plans works for Ro.",
        now=at(30),
    )
    # Being talked through: a job interview.
    job = services.start_decision(me, question="Should I go to the job interview next week?", now=at(2))
    services.add_option(me, job, title="Go to the interview", benefits="A job I really want", now=at(2))

    morgan, lee_self = _writers(lee, staff["morgan"])
    # Agreed: home treatment rather than admission, with what admission could cost later.
    treatment = services.start_decision(morgan, question="Admission or home treatment?", now=at(12))
    home = services.add_option(
        morgan,
        treatment,
        title="Home treatment",
        benefits="Stay with Jamie; keep the job",
        harms_now="Nights can be hard",
        now=at(12),
    )
    services.add_later_harm(
        morgan,
        treatment.options.get(carry_on=True),
        area="work",
        description=f"A hospital stay would use up the last of {lee.name_to_use}'s sick leave",
        likelihood="likely",
        seriousness="serious",
        now=at(12),
    )
    services.record_view(
        lee_self, treatment, reasons="I lost a job last time I was admitted.", preferred=home, now=at(11)
    )
    agreed = services.propose_agreement(
        morgan,
        treatment,
        chosen=home,
        look_again_if=f"If {lee.name_to_use} stops eating",
        review_on=today + timedelta(days=10),
        staff_will="Daily visits",
        now=at(11),
    )
    services.sign_agreement(morgan, agreed, now=at(11))
    services.sign_agreement(lee_self, agreed, now=at(11))

    sam, kit_self = _writers(kit, staff["sam"])
    # Waiting for signatures: a trip.
    trip = services.start_decision(sam, question="Should I go to the football away match?", now=at(5))
    away = services.add_option(sam, trip, title="Go with Robin", benefits="Something to look forward to", now=at(5))
    services.record_view(kit_self, trip, reasons="Robin will be with me the whole time.", preferred=away, now=at(4))
    services.propose_agreement(
        sam, trip, chosen=away, look_again_if="If I am drinking again", review_on=today + timedelta(days=7), now=at(4)
    )
    # Against preference: leave from the ward had to wait.
    leave = services.start_decision(sam, question="Can I have leave from the ward tonight?", now=at(20))
    go = services.add_option(sam, leave, title="Leave tonight", now=at(20))
    services.record_view(kit_self, leave, reasons="I need to see my niece's match.", preferred=go, now=at(20))
    held = services.propose_agreement(
        sam,
        leave,
        chosen=leave.options.get(carry_on=True),
        look_again_if="Review tomorrow morning",
        review_on=today + timedelta(days=1),
        now=at(20),
    )
    services.decide_against_preference(
        sam,
        held,
        reason=f"{kit.name_to_use} had taken an overdose that afternoon; leave is offered again tomorrow with Robin.",
        now=at(20),
    )
