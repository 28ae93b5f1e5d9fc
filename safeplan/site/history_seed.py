"""A year of synthetic history for many people at once: the demo's two locality teams and the benchmark's 100,000
people. Each person gets what a year of care might hold (a plan written together and agreed, reviews, perhaps a
crisis plan part, a harm-minimisation plan, a shared decision, a concern, a supporter, a crisis contact and the call
after it) at random dates, with chances that can change from a given day (`Odds`), so that a team's improvement shows
as a real shift on its run chart. Written with the builders of site/history.py, in bulk. Synthetic people only.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from safeplan.people.models import Person, User
from safeplan.plans.models import Voice
from safeplan.site import history
from safeplan.site.history import Rows


@dataclass(frozen=True)
class Odds:
    """The chance of each thing, for one person, from one day."""

    plan: float = 0.85
    agreed: float = 0.7
    own_words: float = 0.45
    crisis_part: float = 0.75
    reviewed_on_time: float = 0.55
    harm_plan: float = 0.12
    decision: float = 0.5
    later_harm: float = 0.45
    concern: float = 0.25
    acknowledged_on_time: float = 0.85
    answered_on_time: float = 0.65
    withheld: float = 0.02
    supporter: float = 0.35
    crisis_event: float = 0.8
    reached_in_72_hours: float = 0.55

    def better(self, **changes: float) -> "Odds":
        return replace(self, **changes)


def steady(odds: Odds) -> Callable[[date], Odds]:
    return lambda day: odds


def improving(before: Odds, after: Odds, from_day: date) -> Callable[[date], Odds]:
    return lambda day: after if day >= from_day else before


@dataclass
class Year:
    """What a year of people needs: who writes for the team, a pool of supporters, today, the random source."""

    staff: User
    supporters: list[User]
    today: date
    rng: random.Random

    def day(self, start: date, end: date) -> date:
        span = (end - start).days
        return start + timedelta(days=self.rng.randrange(span + 1)) if span > 0 else start

    def chance(self, p: float) -> bool:
        return self.rng.random() < p


def person_year(rows: Rows, year: Year, person: Person, odds: Callable[[date], Odds], began: date) -> None:
    """One person's year (their plans may be older, from when their care began): up to today."""
    rng, today, staff = year.rng, year.today, year.staff
    since = max(began, today - timedelta(days=365))
    if since >= today - timedelta(days=10):
        return
    start = year.day(max(began, today - timedelta(days=700)), today - timedelta(days=10))
    if year.chance(odds(start).plan):
        _plan_year(rows, year, person, odds, start)
    if year.chance(odds(start).harm_plan):
        made = history.plan(rows, person, staff, start, key="harm-minimisation")
        history.entry(rows, made, staff, start, Voice.PERSON)
        agreed = start + timedelta(days=rng.randrange(5, 40))
        agreed_on = agreed if agreed < today and year.chance(odds(agreed).agreed) else None
        history.version(rows, made, staff, 1, agreed=agreed_on)
    for _ in range(rng.choice([0, 1, 1, 2])):
        day = year.day(since, today)
        if year.chance(odds(day).decision):
            history.decision(rows, person, staff, day, later_harm=year.chance(odds(day).later_harm))
    day = year.day(since, today)
    if year.chance(odds(day).concern):
        _concern(rows, year, person, odds, day)
    day = year.day(since, today)
    if year.chance(odds(day).withheld):
        released = day + timedelta(days=60) if year.chance(0.5) and day + timedelta(days=60) < today else None
        history.withholding(rows, person, staff, day, day + timedelta(days=90), released)
    day = year.day(since, today)
    if year.chance(odds(day).supporter):
        history.supporter(rows, person, year.supporters[rng.randrange(len(year.supporters))], day)
    for _ in range(rng.choice([0, 1, 2, 3, 4])):
        day = year.day(since, today)
        if year.chance(odds(day).crisis_event):
            _crisis(rows, year, person, odds(day), day)


def _crisis(rows: Rows, year: Year, person: Person, odds: Odds, day: date) -> None:
    rng = year.rng
    happened = history.at(day, rng.randrange(24))
    late = rng.choice([None, rng.uniform(75, 200)])
    reached = rng.uniform(2, 70) if year.chance(odds.reached_in_72_hours) else late
    if reached is not None and happened + timedelta(hours=reached) > history.at(year.today, 9):
        reached = None
    history.crisis_event(rows, person, year.staff, happened, reached_after=reached)


def _plan_year(rows: Rows, year: Year, person: Person, odds: Callable[[date], Odds], start: date) -> None:
    rng, today, staff = year.rng, year.today, year.staff
    made = history.plan(rows, person, staff, start, key=rng.choice(["six-step", "joint-crisis", "person-centred"]))
    for _ in range(rng.randrange(3, 9)):
        written = year.day(start, today)
        voice = Voice.PERSON if year.chance(odds(written).own_words) else Voice.CARE_TEAM
        history.entry(rows, made, staff, written, voice)
    if year.chance(odds(start).crisis_part):
        history.entry(rows, made, staff, start, Voice.PERSON, crisis=True)
    agreed = start + timedelta(days=rng.randrange(3, 30))
    number = 1
    while agreed < today and year.chance(odds(agreed).agreed if number == 1 else 1):
        due = agreed + timedelta(days=182)
        history.version(rows, made, staff, number, agreed=agreed, review_due=due)
        number += 1
        agreed = (
            due - timedelta(days=rng.randrange(0, 20))
            if year.chance(odds(due).reviewed_on_time)
            else due + timedelta(days=rng.randrange(10, 60))
        )
    if number == 1:
        history.version(rows, made, staff, 1, agreed=None)


def _concern(rows: Rows, year: Year, person: Person, odds: Callable[[date], Odds], received: date) -> None:
    today = year.today
    acknowledged = received + timedelta(days=1 if year.chance(odds(received).acknowledged_on_time) else 6)
    answered = received + timedelta(days=15 if year.chance(odds(received).answered_on_time) else 40)
    history.concern(
        rows,
        person,
        year.staff,
        received,
        acknowledged=acknowledged if acknowledged <= today else None,
        answered=answered if answered <= today else None,
    )


def care_began(person: Person) -> date:
    """When the person's earliest care relationship began (prefetched as `care_relationships`)."""
    return min(care.started_on for care in person.care_relationships.all())


def seed_people(
    people: list[Person],
    year: Year,
    odds: Callable[[date], Odds],
    *,
    batch: int = 500,
    done: Callable[[int], None] | None = None,
) -> None:
    """A year for each of these people, written `batch` people at a time."""
    rows = Rows()
    for index, person in enumerate(people, start=1):
        person_year(rows, year, person, odds, care_began(person))
        if index % batch == 0 or index == len(people):
            rows.save()
            if done is not None:
                done(index)
