"""Improvement cycles: starting one, recording what was learned, and the figures before and after, worked out from
the same measures over exactly two periods.

The periods: "after" runs from the cycle's first day to its last (to today while it runs); "before" is as long as the
whole cycle and ends the day before it started. A stock measure ("at the end of each month") is read at the end of
each period; a flow measure ("each month") counts over each period. Small numbers are suppressed as on the measures
page.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from safeplan.oversight.figures import Cell, cell
from safeplan.oversight.models import ImprovementCycle
from safeplan.people.capabilities import measures
from safeplan.people.measures import ORGANISATION, Measure, Month
from safeplan.people.models import Organisation, Team, User


class CycleError(Exception):
    pass


class CycleChanged(CycleError):
    """Someone else changed the cycle since this writer read it."""


def periods(cycle: ImprovementCycle, today: date) -> tuple[Month, Month | None]:
    """(before, after); after is None until the cycle has started."""
    length = (cycle.ends_on - cycle.starts_on).days + 1
    before = Month(cycle.starts_on - timedelta(days=length), cycle.starts_on - timedelta(days=1))
    if cycle.starts_on > today:
        return before, None
    return before, Month(cycle.starts_on, min(cycle.ends_on, today))


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
        difference = round(self.after.value - self.before.value, 1)
        unit = "percentage points" if self.measure.per == 100 else f"per {self.measure.per:,}"
        if difference == 0:
            return "No change"
        way = "Up" if difference > 0 else "Down"
        better = (difference > 0) == (self.measure.better == "higher")
        return f"{way} {abs(difference):g} {unit} ({'the better way' if better else 'the worse way'})"


def before_after(cycle: ImprovementCycle, today: date | None = None) -> list[BeforeAfter]:
    """Each of the cycle's measures over the two periods, for its team (or the whole organisation)."""
    today = today or timezone.localdate()
    before, after = periods(cycle, today)
    scope = cycle.team_id or ORGANISATION
    found = []
    for measure in measures():
        if measure.key not in cycle.measures:
            continue
        if scope != ORGANISATION and not measure.by_team:
            continue
        spans = [before] + ([after] if after else [])
        counts = measure.counts(cycle.organisation, spans)
        cells = [cell(measure, *counts.get((scope, span.first), (0, 0))) for span in spans]
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
    if ends_on < starts_on:
        raise CycleError("The last day must be on or after the first.")
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
