"""The demo's year of measures: two locality teams of 400 synthetic people each, with a year of history, so that the
oversight measures have something to show beyond "fewer than 5"; and the improvement cycle the North team ran on
calling people within 72 hours of leaving hospital or a crisis contact (completed: adopted), with the next one
running now. Nobody the demo signs in as cares for these teams, so no caseload fills with them, and none of their
accounts can sign in (inactive, no password): they are there to be counted."""

import random
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from safeplan.oversight import cycles
from safeplan.people.generator import person_fields, synthetic_nhs_numbers
from safeplan.people.models import CareRelationship, Organisation, Person, Team, User
from safeplan.people.wording import LanguageHintCount
from safeplan.site.history_seed import Odds, Year, improving, seed_people, steady

PER_TEAM = 400
USUAL = Odds()
BETTER = USUAL.better(reached_in_72_hours=0.85, crisis_part=0.9)


def _team(organisation: Organisation, name: str, rng: random.Random, today: date, numbers) -> tuple[Team, User]:  # type: ignore[no-untyped-def]
    team = Team.objects.create(organisation=organisation, name=name)
    slug = name.split()[0].lower()
    staff = User.objects.create(
        username=f"{slug}-practitioner",
        display_name=f"{name.split()[0]} practitioner",
        password=make_password(None),
        is_active=False,
    )
    people = Person.objects.bulk_create(
        Person(organisation=organisation, nhs_number=next(numbers), **person_fields(rng)) for _ in range(PER_TEAM)
    )
    users = User.objects.bulk_create(
        User(
            username=f"{slug}-person-{n}",
            display_name=f"Synthetic person {n}",
            password=make_password(None),
            is_active=False,
        )
        for n in range(PER_TEAM)
    )
    for person, user in zip(people, users, strict=True):
        person.user = user
    Person.objects.bulk_update(people, ["user"])
    CareRelationship.objects.bulk_create(
        CareRelationship(person=person, team=team, started_on=today - timedelta(days=rng.randrange(60, 900)))
        for person in people
    )
    return team, staff


def seed_localities(organisation: Organisation, oversight: User, today: date) -> None:
    rng = random.Random(14)  # noqa: S311 - synthetic data, not security
    numbers = synthetic_nhs_numbers(start=7_000_000)
    supporters = User.objects.bulk_create(
        User(
            username=f"locality-supporter-{n}",
            display_name=f"Synthetic supporter {n}",
            password=make_password(None),
            is_active=False,
        )
        for n in range(30)
    )
    five_months_ago = today - timedelta(days=150)
    change_day = date(five_months_ago.year, five_months_ago.month, 1)  # cycles run in whole months
    for name, odds in [
        ("North locality team", improving(USUAL, BETTER, change_day)),
        ("South locality team", steady(USUAL)),
    ]:
        team, staff = _team(organisation, name, rng, today, numbers)
        people = list(Person.objects.filter(care_relationships__team=team).prefetch_related("care_relationships"))
        seed_people(people, Year(staff, supporters, today, rng), odds)
        if name.startswith("North"):
            _cycles(organisation, oversight, team, change_day, today)
    for back in range(12):
        index = today.year * 12 + today.month - 1 - back
        LanguageHintCount.objects.create(
            organisation=organisation,
            phrase=rng.choice(["refused", "manipulative", "attention seeking", "non-compliant"]),
            month=date(index // 12, index % 12 + 1, 1),
            shown=rng.randrange(3, 15),
        )


def _cycles(organisation: Organisation, oversight: User, team: Team, change_day: date, today: date) -> None:
    first = cycles.start(
        organisation,
        oversight,
        title="A call the day after leaving hospital",
        aim="Everyone who leaves hospital or contacts the crisis team hears from us within 72 hours",
        change="The ward rings the care coordinator on the day of discharge; the duty worker calls the next day",
        chosen=["follow_up_72_hours", "crisis_plans"],
        prediction="Nine in ten people reached within 72 hours, from about half",
        starts_on=change_day,
        ends_on=change_day + timedelta(days=89),
        team=team,
    )
    cycles.record_learning(
        first,
        learned="Far more people were reached in time. The calls also found two crisis plans out of date. Weekend "
        "discharges were the ones still missed.",
        next_step="adopt",
        revision_seen=1,
    )
    cycles.start(
        organisation,
        oversight,
        title="Weekend discharges",
        aim="People who leave hospital at a weekend are reached within 72 hours too",
        change="The home treatment team calls on Saturday and Sunday",
        chosen=["follow_up_72_hours"],
        prediction="No gap between weekday and weekend discharges",
        starts_on=change_day + timedelta(days=90),
        ends_on=today + timedelta(days=30),
        team=team,
        follows=first,
    )
