"""Service measures: what each capability counts for oversight, by organisation, team and month, in the database.

A capability registers its measures (`Capability.measures`); the `oversight` capability shows them, suppresses small
numbers, charts them and exports them. A measure is a share (or a rate) of a numerator over a denominator, each
written out in words beside it, and counted by `monthly_counts`: each month, one aggregate query for the teams and
one for the organisation, never a loop over people in Python.

Who is counted in a month for a team: the people that team cared for at some time in the month (a care relationship
that started by the month's last day and had not ended before its first). For the organisation: the people any of
its teams cared for in the month, each once however many teams cared for them. The page shows whole months
(`complete_months`); a count for a month under way ends today. Whatever falls due (a review, a follow-up, a reply to
a concern) is counted only once its time is up, met or not, so a month is never flattered by early successes while
its failures are still to come.
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from safeplan.people.models import Organisation, Person

ORGANISATION = 0  # the key of the organisation's own figures among its teams' (no team has id 0)


@dataclass(frozen=True)
class Month:
    first: date
    last: date  # the month's last day, or today for the month we are in

    @property
    def label(self) -> str:
        return f"{self.first:%b}"

    @property
    def long_label(self) -> str:
        return f"{self.first:%B %Y}"


def complete_months(today: date, count: int = 12) -> list[Month]:
    """The `count` whole months before today's, oldest first: what the measures page shows. A month still under way
    is left out, so a figure never changes from one day to the next (and no one day can be worked out by comparing
    two), and nothing is counted before it is due."""
    first_of_this = date(today.year, today.month, 1)
    return last_months(first_of_this - timedelta(days=1), count)


def last_months(today: date, count: int = 12) -> list[Month]:
    """The `count` months up to and including today's, oldest first."""
    months = []
    for back in range(count - 1, -1, -1):
        index = today.year * 12 + today.month - 1 - back
        first = date(index // 12, index % 12 + 1, 1)
        end = date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
        months.append(Month(first, min(end, today)))
    return months


# (team id, or ORGANISATION; the month's first day) -> (numerator, denominator)
Counts = dict[tuple[int, date], tuple[int, int]]
Condition = Callable[[date, date], Q]


@dataclass(frozen=True)
class Measure:
    """One measure, defined in words beside its figures. `counts(organisation, months)` returns its counts."""

    key: str  # in the CSV and the page's anchors: "plans_agreed"
    order: int  # where it sits on the page
    title: str  # "Plans agreed with the person"
    numerator: str  # "Plans with a version the person signed and agreed by the end of the month"
    denominator: str  # "Plans of people the team cared for in the month, started by its end"
    period: str  # "At the end of each month" or "Each month, by the month the review was due"
    counts: Callable[[Organisation, list[Month]], Counts]
    better: str = "higher"  # or "lower": which way a real improvement goes
    per: int = 100  # 100 for a share (%), 1000 for a rate per 1,000
    by_team: bool = True  # False when it is only counted for the whole organisation
    why: str = ""  # what it is for, and what it must not be read as

    @property
    def unit(self) -> str:
        return "%" if self.per == 100 else f" per {self.per:,}"


def cared_for(person: str, first: date, last: date) -> Q:
    """The people (at the path `person` from the counted rows) any team cared for at some time from first to last."""
    prefix = f"{person}__" if person else ""
    return Q(**{f"{prefix}care_relationships__started_on__lte": last}) & (
        Q(**{f"{prefix}care_relationships__ended_on__isnull": True})
        | Q(**{f"{prefix}care_relationships__ended_on__gte": first})
    )


def monthly_counts(
    units: QuerySet,
    *,
    person: str,
    organisation: Organisation,
    months: list[Month],
    counted: Condition,
    met: Condition,
    unit: str = "pk",
) -> Counts:
    """For each team of the organisation and for the organisation as a whole, and each month: how many of `units`
    are counted that month (`counted(first, last)`, among the people cared for then) and how many of those meet the
    measure (`met(first, last)`). `person` is the path from a unit to its Person ("" when the units are people).

    Two aggregate queries a month (the teams, then the whole organisation), each reading only the rows counted in
    that month, whatever the number of people or teams: a loop over months, never over people. A unit is counted
    once however many rows a join makes of it. Conditions on rows with many per unit belong in an Exists, so the join
    does not multiply; conditions on dates should compare a datetime with `day_starts` (an index can serve them)."""
    prefix = f"{person}__" if person else ""
    units = units.filter(**{f"{prefix}organisation": organisation})
    team = f"{prefix}care_relationships__team"
    counts: Counts = {}
    for month in months:
        first, last = month.first, month.last
        aggregates = {
            "d": Count(unit, distinct=True),
            "n": Count(unit, distinct=True, filter=met(first, last)),
        }
        # One filter() call, so the team grouped by is the team whose care relationship overlaps the month.
        in_teams = units.filter(
            cared_for(person, first, last) & Q(**{f"{team}__organisation": organisation}), counted(first, last)
        )
        for row in in_teams.values(team).annotate(**aggregates).order_by():
            counts[(row[team], first)] = (row["n"], row["d"])
        whole = units.filter(cared_for(person, first, last), counted(first, last)).aggregate(**aggregates)
        counts[(ORGANISATION, first)] = (whole["n"], whole["d"])
    return counts


def day_starts(day: date) -> datetime:
    """The moment a day starts where the service is (Europe/London): compare datetimes with it, not their dates."""
    return timezone.make_aware(datetime.combine(day, time.min))


def during(field: str, first: date, last: date) -> Q:
    """A datetime field within the days first to last (inclusive), as a range an index can serve."""
    return Q(**{f"{field}__gte": day_starts(first), f"{field}__lt": day_starts(last + timedelta(days=1))})


def by(field: str, last: date) -> Q:
    """A datetime field on or before the day `last` (inclusive)."""
    return Q(**{f"{field}__lt": day_starts(last + timedelta(days=1))})


def _anyone(first: date, last: date) -> Q:
    return Q()


def people_counts(organisation: Organisation, months: list[Month], met: Condition) -> Counts:
    """Of the people cared for in each month, how many meet `met(first, last)` (a condition on a Person)."""
    return monthly_counts(
        Person.objects.all(), person="", organisation=organisation, months=months, counted=_anyone, met=met
    )
