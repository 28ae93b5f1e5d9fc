"""A run chart for a service measure counted by month, with small numbers suppressed (CONVENTIONS, "Charts").

A run chart plots the measure in time order with its median, and marks the two non-random patterns of the run chart
rules (NHS England's and the IHI's): a **shift**, six or more points in a row on one side of the median (points on the
median neither add to nor break it), and a **trend**, five or more points in a row each higher (or each lower) than
the one before (a point equal to the one before neither adds to nor breaks it).

Counts from 1 to 4 are suppressed: such a point carries no value (`None`) and is drawn in the shaded "fewer than 5"
band, never at its value. The median and the patterns are worked out without knowing a suppressed value: it is only
known to lie between 1 and 4, so it is above a median of 0 and below one of 5 or more, lower than any count of 5 or
more and higher than 0; anything that would depend on its exact value is treated as unknown (a median inside the band
is not drawn, and an unknown comparison ends a pattern).

The SVG uses presentation attributes only (no style attribute or element), so it works without JavaScript and under
the CSP; its accessible name is the plain sentence that goes before it, and a table carries the same figures.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median

from markupsafe import Markup, escape

SMALL = range(1, 5)  # counts suppressed: 1 to 4 are shown as "fewer than 5"
SHIFT = 6
TREND = 5

WIDTH = 340  # fits a phone without scaling its words down
LEFT = 34
RIGHT = 10
TOP = 24
PLOT_HEIGHT = 150
FONT = 12
LABEL_FONT = 11
LABEL_SLOT = 22  # a month's label ("Nov") needs this much room to be written under every point
TEXT = "#212b32"
MUTED = "#4c6272"
GRID = "#d8dde0"
BAND = "#dfe5e8"  # a shade darker than the page behind the chart
BLUE = "#005eb8"
MARKED = "#d5281b"


@dataclass(frozen=True)
class RunPoint:
    """One month. A count not shown has no value, only what is known of it: by default that it is from 1 to 4 (drawn
    in the band); a count hidden so that another cannot be found by subtraction is known only to be 5 or more
    (`low=5, high=math.inf`), and is not drawn at all."""

    label: str  # under the axis: "Nov"
    long_label: str  # in words: "November 2026"
    value: float | None
    low: float = SMALL.start
    high: float = SMALL.stop - 1

    @property
    def in_band(self) -> bool:
        return self.value is None and self.high < SMALL.stop


def _low(point: RunPoint) -> float:
    return point.value if point.value is not None else point.low


def _high(point: RunPoint) -> float:
    return point.value if point.value is not None else point.high


def _compare(a: RunPoint, b: RunPoint) -> int | None:
    """-1, 0 or 1 as a is below, equal to or above b; None when it depends on a suppressed value."""
    if _high(a) < _low(b):
        return -1
    if _low(a) > _high(b):
        return 1
    if a.value is not None and a.value == b.value:
        return 0
    return None


def _side(point: RunPoint, centre: tuple[float, float]) -> int | None:
    """Which side of the median (known to lie in `centre`) a point is on, 0 on it; None when that depends on a value
    that is not shown."""
    if _high(point) < centre[0]:
        return -1
    if _low(point) > centre[1]:
        return 1
    if point.value is not None and centre[0] == centre[1] == point.value:
        return 0
    return None


@dataclass(frozen=True)
class Pattern:
    kind: str  # "shift" or "trend"
    direction: str  # "above the median", "below the median"; "rising", "falling"
    first: int
    last: int

    def words(self, points: list[RunPoint]) -> str:
        span = f"from {points[self.first].long_label} to {points[self.last].long_label}"
        if self.kind == "shift":
            return f"a shift: {self.last - self.first + 1} months in a row {self.direction} {span}"
        return f"a trend: {self.direction} {span}"


@dataclass
class RunChart:
    points: list[RunPoint]
    measure: str  # what is counted, for the value axis: "Concerns received"
    axis: str = ""  # the time axis: "Month received, December 2025 to November 2026"
    unit: str = " a month"  # after a figure in words: " a month" for counts, "%" for shares, " per 1,000"
    ceiling: float | None = None  # the top of the value axis when it is fixed (100 for a share)

    @property
    def median_range(self) -> tuple[float, float] | None:
        """Where the median lies, from what is shown: one value when no hidden count moves it (the median is monotone
        in every value, so its least and greatest are at the least and greatest each hidden count could be)."""
        if not self.points:
            return None
        return median([_low(p) for p in self.points]), median([_high(p) for p in self.points])

    @property
    def median(self) -> float | None:
        """The median, when it does not depend on a count that is not shown; None otherwise."""
        found = self.median_range
        return found[0] if found is not None and found[0] == found[1] else None

    @property
    def median_words(self) -> str:
        found = self.median_range
        if found is None:
            return ""
        low, high = round(found[0], 1), round(found[1], 1)
        unit = self.unit
        if low == high:
            return f"The median is {low:g}{unit}."
        if high < SMALL.stop:
            return f"The median is fewer than 5{unit}."
        if math.isinf(high):
            return f"The median is at least {low:g}{unit} (not exact: some months are not shown)."
        return f"The median is between {low:g} and {high:g}{unit} (not exact: some months are not shown)."

    def patterns(self) -> list[Pattern]:
        found = []
        centre = self.median_range
        if centre is not None:
            found += self._runs(lambda i: _side(self.points[i], centre), SHIFT, "shift", "above the median")
        found += self._runs(lambda i: _compare(self.points[i], self.points[i - 1]), TREND - 1, "trend", "rising", 1)
        return sorted(found, key=lambda p: p.first)

    def _runs(
        self, sign_of: Callable[[int], int | None], needed: int, kind: str, up_words: str, start: int = 0
    ) -> list[Pattern]:
        """Runs of at least `needed` counted points with the same sign (0 neither counts nor breaks; None breaks).
        A trend counts steps between points, so its run starts at the point before its first step."""
        down_words = {"above the median": "below the median", "rising": "falling"}[up_words]
        found: list[Pattern] = []
        sign, counted, first, last = 0, 0, 0, 0

        def close() -> None:
            if sign and counted >= needed:
                begin = first - start
                found.append(Pattern(kind, up_words if sign > 0 else down_words, begin, last))

        for index in range(start, len(self.points)):
            this = sign_of(index)
            if this is None:
                close()
                sign, counted = 0, 0
            elif this == 0:
                if sign:
                    last = index
            elif this == sign:
                counted, last = counted + 1, index
            else:
                close()
                sign, counted, first, last = this, 1, index, index
        close()
        return found

    def marked(self) -> set[int]:
        return {i for p in self.patterns() for i in range(p.first, p.last + 1)}

    def sentence(self) -> str:
        """What the chart shows, in plain words, so the chart is never needed to understand it."""
        if not self.points:
            return ""
        found = self.patterns()
        said = self.median_words
        if found:
            said += " There is " + "; and ".join(p.words(self.points) for p in found) + "."
        else:
            said += " There is no shift or trend: the changes look like ordinary variation."
        return said

    def svg(self) -> Markup:
        count = len(self.points)
        slot = (WIDTH - LEFT - RIGHT) / max(count, 1)
        top_value = self.ceiling or max([_low(p) for p in self.points] + [10])
        step = 5 if top_value <= 30 else 10 * math.ceil(top_value / 60)
        top_value = step * math.ceil(top_value / step)
        baseline = TOP + PLOT_HEIGHT
        height = baseline + (44 if self.axis else 24)

        def y(value: float) -> float:
            return baseline - value / top_value * PLOT_HEIGHT

        def x(index: int) -> float:
            return LEFT + index * slot + slot / 2

        right = WIDTH - RIGHT
        parts = [f'<text x="0" y="{FONT}" font-size="{FONT}" fill="{TEXT}">{escape(self.measure)}</text>']
        if any(point.in_band for point in self.points) or self.ceiling is None:
            parts.append(
                f'<rect x="{LEFT}" y="{y(SMALL.stop - 0.5):.1f}" width="{right - LEFT}" '
                f'height="{y(SMALL.start - 0.5) - y(SMALL.stop - 0.5):.1f}" fill="{BAND}"></rect>'
            )
        for tick in range(0, int(top_value) + 1, step):
            parts.append(
                f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{right}" y2="{y(tick):.1f}" '
                f'stroke="{MUTED if tick == 0 else GRID}"></line>'
                f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="{FONT}" '
                f'fill="{TEXT}">{tick}</text>'
            )
        centre = self.median
        if centre is not None:
            parts.append(
                f'<line x1="{LEFT}" y1="{y(centre):.1f}" x2="{right}" y2="{y(centre):.1f}" stroke="{TEXT}" '
                f'stroke-dasharray="6 4" data-median="{centre:g}"></line>'
            )
        known = [(i, p) for i, p in enumerate(self.points) if p.value is not None]
        for (i, a), (j, b) in zip(known, known[1:], strict=False):
            if j == i + 1:
                parts.append(
                    f'<line x1="{x(i):.1f}" y1="{y(_low(a)):.1f}" x2="{x(j):.1f}" y2="{y(_low(b)):.1f}" '
                    f'stroke="{BLUE}" stroke-width="2"></line>'
                )
        marked = self.marked()
        for index, point in enumerate(self.points):
            colour = MARKED if index in marked else BLUE
            if point.in_band:
                parts.append(
                    f'<circle cx="{x(index):.1f}" cy="{y(2.5):.1f}" r="4" fill="#ffffff" stroke="{colour}" '
                    f'stroke-width="2" data-suppressed="true"></circle>'
                )
            elif point.value is not None:
                parts.append(
                    f'<circle cx="{x(index):.1f}" cy="{y(point.value):.1f}" r="4" fill="{colour}" '
                    f'data-value="{point.value:g}"></circle>'
                )
            if index % 2 == 0 or slot >= LABEL_SLOT:
                parts.append(
                    f'<text x="{x(index):.1f}" y="{baseline + 16}" text-anchor="middle" font-size="{LABEL_FONT}" '
                    f'fill="{MUTED}">{escape(point.label)}</text>'
                )
        if self.axis:
            parts.append(
                f'<text x="{LEFT}" y="{baseline + 36}" font-size="{FONT}" fill="{TEXT}">{escape(self.axis)}</text>'
            )
        label = escape(self.sentence())
        return Markup(  # noqa: S704 - every interpolated value is a number, a colour or escaped
            f'<svg class="safeplan-chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" '
            f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" focusable="false">'
            f"<title>{label}</title>" + "".join(parts) + "</svg>"
        )
