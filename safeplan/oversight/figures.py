"""The measures of one organisation, by team and month, as they may be shown: small numbers suppressed, each share
with its numerator and denominator, a run chart of the whole organisation (or one team), ready for the page and the
CSV alike (so the two can never disagree).

Suppression (hazard H40): a cell is not shown when its numerator, its denominator, or (for a share) the people
counted who did not meet it is from 1 to 4; it reads "fewer than 5". The organisation's figure sits beside its teams',
so when exactly one team's cell of a month is suppressed the smallest other team's is too ("not shown"), and one
suppressed team cannot be found by taking the others from the whole.
"""

import math
from dataclasses import dataclass
from datetime import date

from safeplan.core.charts import SMALL, RunChart, RunPoint
from safeplan.people.capabilities import measures
from safeplan.people.measures import ORGANISATION, Counts, Measure, Month
from safeplan.people.models import Organisation, Team

FEWER = "fewer than 5"
HIDDEN = "not shown (small numbers)"
NONE = "none counted"


@dataclass(frozen=True)
class Cell:
    numerator: int | None  # None when it is not shown
    denominator: int | None
    value: float | None  # the share (%) or rate, None when not shown or nothing was counted
    text: str  # "62% (31 of 50)", "fewer than 5", "not shown (small numbers)", "none counted"

    @property
    def suppressed(self) -> bool:
        return self.text in (FEWER, HIDDEN)


def _value(measure: Measure, numerator: int, denominator: int) -> float:
    return round(numerator * measure.per / denominator, 1)


def _figure(measure: Measure, value: float) -> str:
    if measure.per == 100:
        return f"{value:g}%"
    return f"{value:g} per {measure.per:,}"


def cell(measure: Measure, numerator: int, denominator: int) -> Cell:
    """One month of one measure for one team (or the organisation), suppressed when it would show a small number."""
    if denominator == 0:
        return Cell(0, 0, None, NONE)
    small = numerator in SMALL or denominator in SMALL
    if measure.per == 100:
        small = small or (denominator - numerator) in SMALL
    if small:
        return Cell(None, None, None, FEWER)
    value = _value(measure, numerator, denominator)
    return Cell(numerator, denominator, value, f"{_figure(measure, value)} ({numerator:,} of {denominator:,})")


def protect(cells: list[Cell]) -> list[Cell]:
    """Teams' cells of one month, beside the organisation's: when exactly one is suppressed, the smallest other one
    with anyone counted is not shown either."""
    if sum(c.suppressed for c in cells) != 1:
        return cells
    others = [(c.denominator or 0, i) for i, c in enumerate(cells) if not c.suppressed and c.denominator]
    if not others:
        return cells
    hidden = min(others)[1]
    return [Cell(None, None, None, HIDDEN) if i == hidden else c for i, c in enumerate(cells)]


@dataclass(frozen=True)
class Scope:
    key: int  # ORGANISATION or a team's id
    name: str


@dataclass
class MeasureFigures:
    measure: Measure
    scopes: list[Scope]  # the organisation first, then its teams (when counted by team)
    months: list[Month]
    cells: dict[tuple[int, date], Cell]

    def row(self, month: Month) -> list[Cell]:
        return [self.cells[(scope.key, month.first)] for scope in self.scopes]

    def pairs(self, month: Month) -> list[tuple[Scope, Cell]]:
        return list(zip(self.scopes, self.row(month), strict=True))

    def shown_scope(self, scope: int) -> Scope:
        """The scope a chart is drawn for: the one asked for when this measure is counted for it, else the whole."""
        return next((s for s in self.scopes if s.key == scope), self.scopes[0])

    def chart(self, scope: int = ORGANISATION) -> RunChart:
        shown = self.shown_scope(scope).key
        ceiling = 100.0 if self.measure.per == 100 else math.inf
        points = []
        for month in self.months:
            found = self.cells[(shown, month.first)]
            if found.text == NONE:
                continue  # nobody was counted: the month has no figure, and is not drawn as 0
            # A figure not shown is only known to lie somewhere in the scale: not drawn, and unknown to the rules.
            points.append(RunPoint(month.label, month.long_label, found.value, low=0, high=ceiling))
        return RunChart(
            points,
            f"{self.measure.title} ({self.measure.unit.strip()})",
            axis=f"{self.months[0].long_label} to {self.months[-1].long_label}",
            unit=self.measure.unit,
            ceiling=100 if self.measure.per == 100 else None,
        )


def figures(organisation: Organisation, months: list[Month], only: list[str] | None = None) -> list[MeasureFigures]:
    """Every registered measure (or those named), for the organisation and each of its teams, suppressed."""
    teams = [Scope(t.pk, t.name) for t in Team.objects.filter(organisation=organisation).order_by("name")]
    whole = Scope(ORGANISATION, organisation.name)
    found = []
    for measure in measures():
        if only is not None and measure.key not in only:
            continue
        counts: Counts = measure.counts(organisation, months)
        scopes = [whole, *teams] if measure.by_team else [whole]
        cells: dict[tuple[int, date], Cell] = {}
        for month in months:
            for scope in scopes:
                cells[(scope.key, month.first)] = cell(measure, *counts.get((scope.key, month.first), (0, 0)))
            if measure.by_team:
                protected = protect([cells[(team.key, month.first)] for team in teams])
                for team, kept in zip(teams, protected, strict=True):
                    cells[(team.key, month.first)] = kept
        found.append(MeasureFigures(measure, scopes, months, cells))
    return found
