"""Per technique, how much it helped over time: a plain sentence, a small SVG bar chart, and the same data as a table.

The sentence says what the chart shows, so the chart is never needed to understand it (CONVENTIONS, "Charts"). The
SVG uses presentation attributes only (no style attribute or element), so it works without JavaScript and under the
CSP.
"""

import math
from dataclasses import dataclass
from datetime import date

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_noop as N_
from markupsafe import Markup, escape

from safeplan.harm.models import CheckIn

HELPED_WORDS = dict(CheckIn.HELPED)
HELPED_A_LOT = 3  # "It helped a lot" and "It helped completely" count as helping a lot
TOP_LEVEL = max(HELPED_WORDS)
# check-ins outlive a technique taken out of the plan; translated where it is shown
NO_LONGER_IN_PLAN = N_("A technique no longer in the plan")
# The value axis in the check-in's own words, short (its own words in Welsh, not the sentence cut down)
AXIS_WORDS = {
    0: N_("did not help"),
    1: N_("helped a little"),
    2: N_("helped somewhat"),
    3: N_("helped a lot"),
    4: N_("helped completely"),
}

# Layout, in pixels. The chart is at most WIDTH_MAX wide so it fits a phone without scaling its words down.
LEFT = 124  # room for the value labels ("helped completely")
ROW = 26  # between two levels of "how much it helped"
TOP = 10
SLOT_MAX = 44  # one check-in's column: wide when there are few, narrower when there are many
BAR_MAX = 28  # a single bar is never wider than this
WIDTH_MAX = 340
FONT = 13
DATE_FONT = 12
TEXT = "#212b32"
MUTED = "#4c6272"
GRID = "#d8dde0"
BLUE = "#005eb8"


def axis_label(helped: int) -> str:
    """The value axis in the check-in's own words, short: 'did not help' … 'helped completely'."""
    return translated(AXIS_WORDS[helped])


def short_day(day: date, *, with_year: bool = False) -> str:
    """'3 Oct', or '3 Oct 2025' when the chart spans more than one year (in Welsh, '3 Hyd': Django's own short month
    names for the language)."""
    return dateformat.format(day, "j M Y" if with_year else "j M")


@dataclass
class Point:
    used_on: date
    helped: int
    shared: bool

    @property
    def words(self) -> str:
        return translated(HELPED_WORDS[self.helped])


@dataclass
class TechniqueChart:
    name: str
    points: list[Point]
    person: str | None = None  # whose check-ins, when someone other than the person reads them
    today: date | None = None

    @property
    def average(self) -> float:
        return sum(p.helped for p in self.points) / len(self.points)

    @property
    def helped_a_lot(self) -> int:
        return sum(1 for p in self.points if p.helped >= HELPED_A_LOT)

    @property
    def since(self) -> str:
        """The month of the first check-in, 'October' (in Welsh, 'Hydref'), with the year when it was in another
        year: 'November 2025'."""
        first = self.points[0].used_on
        today = self.today or timezone.localdate()
        return dateformat.format(first, "F" if first.year == today.year else "F Y")

    @property
    def sentence(self) -> str:
        """What the chart shows, in one plain sentence: 'Holding ice helped a lot 2 of 5 times since October.'
        To the care team (`person` given) it names the person, in English (staff always read English)."""
        count, total = self.helped_a_lot, len(self.points)
        name = self.name
        if total == 0:
            if self.person is None:
                return _("You have not checked in about %(name)s yet.") % {"name": name}
            return f"There are no check-ins about {name} to show yet."
        if total == 1:
            words = self.points[0].words
            helped = words[:1].lower() + words[1:]  # 'it helped a lot'
            if self.person is None:
                return _("You have checked in once about %(name)s: %(helped)s.") % {"name": name, "helped": helped}
            return f"{self.person} has checked in once about {name}: {helped}."
        values = {"name": name, "count": count, "total": total, "month": self.since}
        if count == 0:
            return _("%(name)s did not help a lot any of the %(total)s times since %(month)s.") % values
        if count == total:
            if total == 2:
                return _("%(name)s helped a lot both times since %(month)s.") % values
            return _("%(name)s helped a lot all %(total)s times since %(month)s.") % values
        return _("%(name)s helped a lot %(count)s of %(total)s times since %(month)s.") % values

    def svg(self) -> Markup:
        """Bars from 'did not help' to 'helped completely', oldest first, with the value axis and dates labelled.
        Its accessible name is the sentence: the sentence and the table carry everything the chart shows."""
        count = len(self.points)
        years = {p.used_on.year for p in self.points}
        with_year = len(years) > 1
        label_width = 80 if with_year else 44
        right = label_width // 2
        slot = min(SLOT_MAX, (WIDTH_MAX - LEFT - right) / max(count, 1))
        if count > 1:
            slot = max(slot, label_width / (count - 1))  # room for the first and last dates apart
        bar = min(BAR_MAX, slot * 0.7)
        plot_width = slot * max(count, 1)
        width = min(WIDTH_MAX, math.ceil(LEFT + plot_width + right))
        baseline = TOP + ROW * TOP_LEVEL
        height = baseline + 26

        parts: list[str] = []
        for level in range(TOP_LEVEL + 1):
            y = baseline - level * ROW
            colour = MUTED if level == 0 else GRID
            parts.append(
                f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + plot_width:.1f}" y2="{y}" stroke="{colour}"></line>'
                f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end" font-size="{FONT}" fill="{TEXT}">'
                f"{escape(axis_label(level))}</text>"
            )
        for index, point in enumerate(self.points):
            bar_height = max(3, point.helped * ROW)  # 'did not help' still shows as a thin mark on the axis
            x = LEFT + index * slot + (slot - bar) / 2
            parts.append(
                f'<rect x="{x:.1f}" y="{baseline - bar_height}" width="{bar:.1f}" height="{bar_height}" '
                f'fill="{BLUE}" data-used-on="{point.used_on.isoformat()}" data-helped="{point.helped}"></rect>'
            )
        for index in self._labelled(slot, label_width):
            centre = LEFT + index * slot + slot / 2
            day = short_day(self.points[index].used_on, with_year=with_year)
            parts.append(
                f'<text x="{centre:.1f}" y="{baseline + 18}" text-anchor="middle" font-size="{DATE_FONT}" '
                f'fill="{MUTED}">{escape(day)}</text>'
            )
        label = escape(self.sentence)
        return Markup(  # noqa: S704 - every interpolated value is a number, an ISO date, a colour or escaped
            f'<svg class="safeplan-chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" focusable="false">'
            f"<title>{label}</title>" + "".join(parts) + "</svg>"
        )

    def _labelled(self, slot: float, label_width: int) -> list[int]:
        """Which bars get a date: the first and the last always, and others between when they have room."""
        count = len(self.points)
        if count == 0:
            return []
        step = max(1, math.ceil(label_width / slot))
        between = [i for i in range(step, count - 1, step) if (count - 1 - i) * slot >= label_width]
        return sorted({0, *between, count - 1})


def technique_charts(
    check_ins: list[CheckIn], names: dict[int, str], *, person: str | None = None, today: date | None = None
) -> list[TechniqueChart]:
    """One chart per technique with check-ins, from only the check-ins given (those the reader may see).
    `person` is the person's name when someone else (their care team) is reading."""
    by_entry: dict[int, list[Point]] = {}
    for check_in in sorted(check_ins, key=lambda c: (c.used_on, c.created_at)):
        by_entry.setdefault(check_in.entry_id, []).append(Point(check_in.used_on, check_in.helped, check_in.shared))
    return [
        TechniqueChart(
            names[entry_id] if entry_id in names else translated(NO_LONGER_IN_PLAN), points, person=person, today=today
        )
        for entry_id, points in by_entry.items()
    ]
