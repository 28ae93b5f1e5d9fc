"""Demo training and policies for `seed_demo`: the service's statement on positive risk taking (current) and its
harm-minimisation policy (its review is overdue); Priya trained in all three courses, Sam's positive-risk refresher
overdue, Morgan with nothing recorded yet (each sees it on their caseload page); a practice story Rowan agreed to
share, about getting back to swimming."""

from datetime import timedelta

from django.utils import timezone

from safeplan.core.dates import add_months
from safeplan.oversight import stories, training
from safeplan.oversight.models import Course, PolicyStatement
from safeplan.people.capabilities import DemoWorld
from safeplan.people.records import demo_writer


def seed_oversight(world: DemoWorld) -> None:
    today = timezone.localdate()
    lead = world.staff["jordan"]
    now = timezone.now()
    PolicyStatement.objects.create(
        organisation=world.organisation,
        kind=PolicyStatement.Kind.POSITIVE_RISK,
        title="Living with risk: our statement on positive risk taking",
        summary="We support people to take the risks that matter to their lives, decided with them and the people "
        "they choose, and we weigh the harms of our own decisions (to work, home, money and liberty) as carefully as "
        "any other. Staff who make such decisions with people in good faith have the board's backing.",
        link="https://www.example.nhs.uk/policies/positive-risk",
        approved_on=add_months(today, -8),
        review_on=add_months(today, 16),
        recorded_by=lead,
        recorded_at=now,
    )
    PolicyStatement.objects.create(
        organisation=world.organisation,
        kind=PolicyStatement.Kind.HARM_MINIMISATION,
        title="Harm minimisation for people who self-harm",
        summary="Where someone is not ready or able to stop self-harming, we help them to stay as safe as they can: "
        "which techniques we endorse, the information we give, and when staff talk it through first.",
        approved_on=add_months(today, -38),
        review_on=today - timedelta(days=40),
        recorded_by=lead,
        recorded_at=now,
    )
    for username, course, months_ago, lived in [
        ("priya", Course.HARM_MINIMISATION, 14, True),
        ("priya", Course.POSITIVE_RISK, 20, False),
        ("priya", Course.SAFETY_PLANNING, 9, True),
        ("sam", Course.SAFETY_PLANNING, 11, False),
        ("sam", Course.POSITIVE_RISK, 38, False),
        ("sam", Course.HARM_MINIMISATION, 35, True),
        ("jordan", Course.SAFETY_PLANNING, 5, True),
    ]:
        training.record(
            world.organisation,
            lead,
            user=world.staff[username],
            course=course,
            completed_on=add_months(today, -months_ago),
            with_lived_experience=lived,
            refresh_years=3,
        )

    rowan = world.people[0]
    stories.write(
        demo_writer(world.staff["priya"], rowan),
        kind="positive_risk",
        title="Back in the lake after a hard winter",
        story="Someone we work with loves open-water swimming. After a crisis in the winter the worry was that "
        "swimming alone was too risky, and stopping it was the easy answer. We weighed it together instead: what "
        "swimming gives them (calm, friends, a reason to get up), what stopping would cost, and what would make it "
        "safer. They agreed to swim with the Sunday group, to tell their sister when they go, and to skip it on a "
        "bad day. They have been swimming since, and say it is the best part of their week.",
        learned="Ask what stopping would cost the person, not only what doing it might risk. The safer plan was "
        "theirs, and they kept to it because it was.",
        agreed_on=today - timedelta(days=20),
    )
