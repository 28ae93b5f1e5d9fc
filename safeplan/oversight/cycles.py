"""Improvement cycles: starting one, recording what was learned, and the figures before and after, worked out from
the same measures over exactly two periods.

A cycle runs in whole months (its first and last days are taken to their months' first and last). "After" runs from
its first month to its last, or to the last whole month while it runs; "before" is as many months, just before it
began. A stock measure ("at the end of each month") is read at the end of each period; a flow measure ("each month")
counts over each period.

Small numbers: the periods can be chosen freely, so two cycles could be compared to work out a month or a team the
measures page hides. So every team's figure of a period is suppressed and protected together, as on the page, and
what is shown is rounded: percentages to whole numbers, counts to the nearest 5 ("about 25 of 40").
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from safeplan.oversight.figures import NONE, Cell, cell, protect
from safeplan.oversight.models import ImprovementCycle
from safeplan.people.capabilities import measures
from safeplan.people.measures import ORGANISATION, Measure, Month
from safeplan.people.models import Organisation, Team, User

EARLIEST = date(2000, 1, 1)


class CycleError(Exception):
    pass


class CycleChanged(CycleError):
    """Someone else changed the cycle since this writer read it."""


def month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _months_before(day: date, count: int) -> date:
    index = day.year * 12 + day.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def periods(cycle: ImprovementCycle, today: date) -> tuple[Month, Month | None]:
    """(before, after) in whole months; after is None until the cycle's first month is over."""
    first, last = month_start(cycle.starts_on), month_end(cycle.ends_on)
    length = (last.year - first.year) * 12 + last.month - first.month + 1
    before = Month(_months_before(first, length), first - timedelta(days=1))
    whole_months_end = month_start(today) - timedelta(days=1)
    if whole_months_end < first:
        return before, None
    return before, Month(first, min(last, whole_months_end))


def _about(count: int) -> str:
    return f"{5 * round(count / 5):,}"


def rounded(measure: Measure, found: Cell) -> Cell:
    """A cell as a cycle shows it: suppressed as before, else rounded so that no two periods can be subtracted."""
    if found.value is None or found.numerator is None or found.denominator is None:
        return found
    value = float(round(found.value))
    figure = f"{value:g}%" if measure.per == 100 else f"{value:g} per {measure.per:,}"
    return Cell(None, None, value, f"{figure} (about {_about(found.numerator)} of {_about(found.denominator)})")


@dataclass(frozen=True)
class BeforeAfter:
    measure: Measure
    before: Cell
    after: Cell | None

    @property
    def words(self) -> str:
        """The change in plain words, only when both figures are shown."""
        if self.after is None or self.before.value is None or self.after.value is None:
            return "Not enough to compare"
        difference = round(self.after.value - self.before.value)
        unit = "percentage points" if self.measure.per == 100 else f"per {self.measure.per:,}"
        if difference == 0:
            return "No change"
        way = "Up" if difference > 0 else "Down"
        better = (difference > 0) == (self.measure.better == "higher")
        return f"{way} about {abs(difference):g} {unit} ({'the better way' if better else 'the worse way'})"


def _period_cell(measure: Measure, counts: dict, teams: list[int], scope: int, span: Month) -> Cell:
    """One period's figure for the cycle's team (or the whole), protected with every team's as on the page."""
    whole = cell(measure, *counts.get((ORGANISATION, span.first), (0, 0)))
    cells = [cell(measure, *counts.get((team, span.first), (0, 0))) for team in teams]
    if measure.by_team:
        cells, whole = protect(cells, whole, share=measure.per == 100)
    found = whole if scope == ORGANISATION else cells[teams.index(scope)] if scope in teams else Cell(0, 0, None, NONE)
    return rounded(measure, found)


def before_after(cycle: ImprovementCycle, today: date | None = None) -> list[BeforeAfter]:
    """Each of the cycle's measures over the two periods, for its team (or the whole organisation)."""
    today = today or timezone.localdate()
    before, after = periods(cycle, today)
    scope = cycle.team_id or ORGANISATION
    teams = list(Team.objects.filter(organisation=cycle.organisation_id).values_list("pk", flat=True))
    found = []
    for measure in measures():
        if measure.key not in cycle.measures:
            continue
        if scope != ORGANISATION and not measure.by_team:
            continue
        spans = [before] + ([after] if after else [])
        counts = measure.counts(cycle.organisation, spans)
        cells = [_period_cell(measure, counts, teams, scope, span) for span in spans]
        found.append(BeforeAfter(measure, cells[0], cells[1] if after else None))
    return found


def start(
    organisation: Organisation,
    user: User,
    *,
    title: str,
    aim: str,
    change: str,
    chosen: list[str],
    prediction: str,
    starts_on: date,
    ends_on: date,
    team: Team | None = None,
    follows: ImprovementCycle | None = None,
) -> ImprovementCycle:
    known = {m.key for m in measures()}
    if not chosen or not set(chosen) <= known:
        raise CycleError("Choose at least one of the measures listed.")
    starts_on, ends_on = month_start(starts_on), month_end(ends_on)
    if ends_on < starts_on:
        raise CycleError("The last day must be on or after the first.")
    if starts_on < EARLIEST or ends_on > month_end(timezone.localdate() + timedelta(days=800)):
        raise CycleError("A cycle runs between the year 2000 and two years from now.")
    if team is not None and team.organisation_id != organisation.pk:
        raise CycleError("Choose one of your organisation's teams.")
    now = timezone.now()
    return ImprovementCycle.objects.create(
        organisation=organisation,
        team=team,
        title=title,
        aim=aim,
        change=change,
        measures=chosen,
        prediction=prediction,
        starts_on=starts_on,
        ends_on=ends_on,
        follows=follows,
        created_by=user,
        created_by_name=str(user),
        created_at=now,
        updated_at=now,
    )


def record_learning(cycle: ImprovementCycle, *, learned: str, next_step: str, revision_seen: int) -> ImprovementCycle:
    """What was learned and what happens next; refused when someone changed the cycle since it was read."""
    with transaction.atomic():
        changed = ImprovementCycle.objects.filter(pk=cycle.pk, revision=revision_seen).update(
            learned=learned, next_step=next_step, revision=revision_seen + 1, updated_at=timezone.now()
        )
        if not changed:
            raise CycleChanged("Someone else changed this cycle while you were writing. Read it again below.")
    cycle.refresh_from_db()
    return cycle
