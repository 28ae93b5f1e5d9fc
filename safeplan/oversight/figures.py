"""The measures of one organisation, by team and month, as they may be shown: small numbers suppressed, each share
with its numerator and denominator, a run chart of the whole organisation (or one team), ready for the page and the
CSV alike (so the two can never disagree).

Suppression (hazard H40): a cell is not shown when its numerator, its denominator, or (for a share) the people
counted who did not meet it is from 1 to 4; it reads "fewer than 5". The organisation's figure sits beside its teams',
so while taking the teams shown from the whole would leave a small number, more teams are hidden ("not shown"), and
no suppressed team, nor any set of them, can be found by subtraction.
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


def _left(whole: Cell, cells: list[Cell], share: bool) -> bool:
    """Whether taking the shown teams' counts from the whole leaves a small number (of those counted, those met,
    or for a share those not met): what someone could work out by subtraction."""
    if whole.numerator is None or whole.denominator is None or not any(c.suppressed for c in cells):
        return False
    numerator = whole.numerator - sum(c.numerator or 0 for c in cells if not c.suppressed)
    denominator = whole.denominator - sum(c.denominator or 0 for c in cells if not c.suppressed)
    return numerator in SMALL or denominator in SMALL or (share and (denominator - numerator) in SMALL)


def protect(cells: list[Cell], whole: Cell, share: bool = True) -> tuple[list[Cell], Cell]:
    """Teams' cells of one month, beside the organisation's: while the whole less the teams shown would give away a
    small number, the smallest team still shown is hidden too ("not shown"), and if none is left, the whole. Teams
    can overlap (someone cared for by two), so this is cautious: it assumes they add up to the whole."""
    cells = list(cells)
    while _left(whole, cells, share):
        shown = [(c.denominator or 0, i) for i, c in enumerate(cells) if not c.suppressed and c.denominator]
        if not shown:
            return cells, Cell(None, None, None, HIDDEN)
        cells[min(shown)[1]] = Cell(None, None, None, HIDDEN)
    return cells, whole


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

    def table_scopes(self, scope: int) -> list[Scope]:
        """The columns of the page's table: the whole organisation, and the team the charts are drawn for (the CSV
        has every team; a trust's hundreds of teams would not fit a page)."""
        chosen = self.shown_scope(scope)
        return self.scopes[:1] + ([chosen] if chosen.key != ORGANISATION else [])

    def pairs(self, month: Month, scope: int = ORGANISATION) -> list[tuple[Scope, Cell]]:
        return [(s, self.cells[(s.key, month.first)]) for s in self.table_scopes(scope)]

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


def figures(
    organisation: Organisation, months: list[Month], counted: dict[str, Counts] | None = None
) -> list[MeasureFigures]:
    """Every registered measure, for the organisation and each of its teams, suppressed: from the counts given (as
    kept by oversight/rollup.py), else counted now."""
    teams = [Scope(t.pk, t.name) for t in Team.objects.filter(organisation=organisation).order_by("name")]
    whole = Scope(ORGANISATION, organisation.name)
    found = []
    for measure in measures():
        counts: Counts = counted.get(measure.key, {}) if counted is not None else measure.counts(organisation, months)
        scopes = [whole, *teams] if measure.by_team else [whole]
        cells: dict[tuple[int, date], Cell] = {}
        for month in months:
            for scope in scopes:
                cells[(scope.key, month.first)] = cell(measure, *counts.get((scope.key, month.first), (0, 0)))
            if measure.by_team:
                protected, whole_cell = protect(
                    [cells[(team.key, month.first)] for team in teams],
                    cells[(ORGANISATION, month.first)],
                    share=measure.per == 100,
                )
                cells[(ORGANISATION, month.first)] = whole_cell
                for team, kept in zip(teams, protected, strict=True):
                    cells[(team.key, month.first)] = kept
        found.append(MeasureFigures(measure, scopes, months, cells))
    return found
