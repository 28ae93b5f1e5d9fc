"""Per technique, how much it helped over time: the data, a small SVG bar chart, and the same data as a table."""

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from safeplan.harm.models import CheckIn

HELPED_WORDS = dict(CheckIn.HELPED)
BAR, GAP, HEIGHT, TOP = 22, 8, 100, 10


@dataclass
class Point:
    used_on: date
    helped: int
    shared: bool


@dataclass
class TechniqueChart:
    name: str
    points: list[Point]

    @property
    def average(self) -> float:
        return sum(p.helped for p in self.points) / len(self.points)

    def svg(self) -> Markup:
        """Bars 0–4 in date order. Decorative detail only: the table beside it carries the same data."""
        width = GAP + len(self.points) * (BAR + GAP)
        bars = []
        for index, point in enumerate(self.points):
            bar_height = max(2, point.helped * HEIGHT // 4)
            x = GAP + index * (BAR + GAP)
            y = TOP + HEIGHT - bar_height
            bars.append(
                f'<rect x="{x}" y="{y}" width="{BAR}" height="{bar_height}" fill="#005eb8" '
                f'data-used-on="{point.used_on.isoformat()}" data-helped="{point.helped}"></rect>'
            )
        title = escape(f"{self.name}: how much it helped, {len(self.points)} check-ins, oldest first")
        return Markup(  # noqa: S704 - every interpolated value is a number, an ISO date or escaped
            f'<svg class="safeplan-chart" role="img" width="{width}" height="{HEIGHT + 2 * TOP}" '
            f'viewBox="0 0 {width} {HEIGHT + 2 * TOP}" aria-label="{title}">'
            f'<line x1="0" y1="{TOP + HEIGHT}" x2="{width}" y2="{TOP + HEIGHT}" stroke="#4c6272"></line>'
            + "".join(bars)
            + "</svg>"
        )


def technique_charts(check_ins: list[CheckIn], names: dict[int, str]) -> list[TechniqueChart]:
    by_entry: dict[int, list[Point]] = {}
    for check_in in sorted(check_ins, key=lambda c: (c.used_on, c.created_at)):
        by_entry.setdefault(check_in.entry_id, []).append(Point(check_in.used_on, check_in.helped, check_in.shared))
    return [TechniqueChart(names.get(entry_id, "A technique"), points) for entry_id, points in by_entry.items()]
