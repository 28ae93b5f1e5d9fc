"""What an organisation learns from its concerns and compliments (issue 12, item 6): figures only, no names and no
words anyone wrote, with small numbers suppressed, ready for the oversight capability to chart.

Over the last 12 months (this one included), by the month each case was received and overall:
- concerns and compliments received;
- how long concerns took: the median working days to acknowledge (the first step after "received") and to respond
  (the response sent), counted as the time limits are (concerns/working_days.py, each case's own nation);
- the share of concerns answered on time: of those whose response was due by today or has been sent, how many were
  sent by their response date (the date agreed with the raiser, when a new one was agreed);
and overall:
- what concerns were about, by the kind of thing the raiser chose: one of their plans, one of their decisions, or
  something else (described in their own words, which are never read here);
- whether the response put things right, as the raisers said (their latest answer): yes, partly, no;
- how many led to a change: a restorative response (which always says what changed), or a response whose "what will
  change" is not one of a few fixed ways of saying "nothing" (NO_CHANGE).

Small numbers: a count from 1 to 4 is shown as "fewer than 5". Where the months of a column add up to a total that is
shown, a single suppressed month could be worked out by subtraction, so the next smallest month is suppressed too.
A median of fewer than 5 cases is not shown; nor is a share whose part answered on time, or late, is from 1 to 4.

Compliments are counted, never timed: they are thanked, not answered on a clock.
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from safeplan.concerns.about import theme_of, themes
from safeplan.concerns.models import Concern, Kind, Response, Restorative, Satisfaction, State, Step
from safeplan.concerns.working_days import working_days_between
from safeplan.core.charts import SMALL, RunChart, RunPoint
from safeplan.people.models import Organisation

MONTHS = 12
FEWER = "fewer than 5"
HIDDEN = "not shown (small numbers)"
ANSWERS = dict(Satisfaction.Answer.choices)
# Ways of writing "nothing will change" in a response's "what will change" (lower case, without the final full stop).
NO_CHANGE = frozenset({"nothing", "none", "no change", "no changes", "nothing will change", "n/a", "not applicable"})


@dataclass(frozen=True)
class Figure:
    """One published figure: its value (None when it is suppressed or there is nothing to say) and how it reads."""

    value: float | None
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"value": self.value, "text": self.text}


def count(number: int) -> Figure:
    return Figure(None, FEWER) if number in SMALL else Figure(number, str(number))


def protected(numbers: list[int]) -> list[Figure]:
    """Counts that add up to a total shown beside them: each 1 to 4 suppressed, and when exactly one is, the next
    smallest non-zero one too, so that no suppressed count can be found by subtraction."""
    figures = [count(n) for n in numbers]
    hidden = [i for i, n in enumerate(numbers) if n in SMALL]
    if len(hidden) == 1 and sum(numbers) not in SMALL:
        others = [(n, i) for i, n in enumerate(numbers) if n and i not in hidden]
        if others:
            figures[min(others)[1]] = Figure(None, HIDDEN)
    return figures


def _any_hidden(figures: list[Figure]) -> bool:
    return any(figure.text in (FEWER, HIDDEN) or figure.text.startswith(FEWER) for figure in figures)


def total(number: int, *parts: list[Figure]) -> Figure:
    """A total shown beside counts: not shown when any of them is, so no suppressed count can be worked out by
    subtraction (however many are suppressed, and whichever 12 months the page covers)."""
    return Figure(None, HIDDEN) if any(_any_hidden(figures) for figures in parts) else count(number)


def median_days(days: list[int]) -> Figure:
    if not days:
        return Figure(None, "none yet")
    if len(days) in SMALL:
        return Figure(None, FEWER + " cases")
    value = statistics.median(days)
    return Figure(value, f"{value:g}")


def share(part: int, whole: int) -> Figure:
    if whole == 0:
        return Figure(None, "none due yet")
    if whole in SMALL:
        return Figure(None, FEWER + " due")
    if part in SMALL or (whole - part) in SMALL:
        return Figure(None, HIDDEN)
    percent = round(100 * part / whole)
    return Figure(percent, f"{percent}%")


@dataclass
class Case:
    """What the figures need of one case, and nothing that identifies anyone."""

    month: date
    kind: str
    theme: str
    acknowledged_in: int | None = None
    responded_in: int | None = None
    due: bool = False
    on_time: bool = False
    satisfied: str = ""
    changed: bool = False


@dataclass
class Month:
    start: date
    concerns: Figure
    compliments: Figure
    acknowledge_days: Figure
    respond_days: Figure
    on_time: Figure

    @property
    def label(self) -> str:
        return f"{self.start:%B %Y}"

    def as_json(self) -> dict[str, Any]:
        return {
            "month": f"{self.start:%Y-%m}",
            "concerns": self.concerns.as_json(),
            "compliments": self.compliments.as_json(),
            "median_working_days_to_acknowledge": self.acknowledge_days.as_json(),
            "median_working_days_to_respond": self.respond_days.as_json(),
            "answered_on_time_percent": self.on_time.as_json(),
        }


@dataclass
class Learning:
    organisation: str
    first: date
    last: date
    months: list[Month]
    concerns: Figure
    compliments: Figure
    acknowledge_days: Figure
    respond_days: Figure
    on_time: Figure
    themes: list[tuple[str, Figure]]
    satisfaction: list[tuple[str, Figure]]
    changed: Figure
    chart: RunChart = field(repr=False)

    @property
    def period(self) -> str:
        return f"{self.first:%B %Y} to {self.last:%B %Y}"

    def sentence(self) -> str:
        """The first thing the page says, in plain words."""
        said = (
            f"From {self.period}, {self.organisation} received {self.concerns.text} concerns and "
            f"{self.compliments.text} compliments."
        )
        if self.on_time.value is not None:
            said += f" {self.on_time.text} of the concerns due an answer were answered on time."
        if self.respond_days.value is not None:
            said += f" Of those answered, half were answered within {self.respond_days.text} working days."
        return said

    def as_json(self) -> dict[str, Any]:
        """Plain data for the oversight capability to chart: a suppressed figure's value is null."""
        return {
            "organisation": self.organisation,
            "from": f"{self.first:%Y-%m}",
            "to": f"{self.last:%Y-%m}",
            "suppression": "Counts from 1 to 4 are shown as 'fewer than 5' (value null), with any count that would "
            "reveal one; medians of fewer than 5 cases and shares with fewer than 5 on time or late are not shown.",
            "months": [month.as_json() for month in self.months],
            "overall": {
                "concerns": self.concerns.as_json(),
                "compliments": self.compliments.as_json(),
                "median_working_days_to_acknowledge": self.acknowledge_days.as_json(),
                "median_working_days_to_respond": self.respond_days.as_json(),
                "answered_on_time_percent": self.on_time.as_json(),
                "about": {words: figure.as_json() for words, figure in self.themes},
                "put_things_right": {words.lower(): figure.as_json() for words, figure in self.satisfaction},
                "led_to_a_change": self.changed.as_json(),
            },
        }


def _month(day: date) -> date:
    return day.replace(day=1)


def _months_back(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _said_nothing_changes(words: str) -> bool:
    return words.strip().rstrip(".").strip().lower() in NO_CHANGE


def cases(organisation: Organisation, first: date, today: date) -> list[Case]:
    """The cases received by the organisation from `first` to today, reduced to what the figures need (five queries,
    however many cases)."""
    rows = list(
        Concern.objects.filter(person__organisation=organisation, received_on__gte=first, received_on__lte=today)
        .order_by()
        .values("pk", "kind", "about_type", "received_on", "respond_by", "nation", "state")
    )
    ids = [row["pk"] for row in rows]
    moved: dict[Any, date] = {}
    for concern_id, written_at in (
        Step.objects.filter(concern_id__in=ids)
        .exclude(state=State.RECEIVED)
        .exclude(respond_by__isnull=False)  # a new date agreed is not a move on
        .order_by("written_at", "pk")
        .values_list("concern_id", "written_at")
    ):
        moved.setdefault(concern_id, timezone.localdate(written_at))
    responses = {
        concern_id: (timezone.localdate(written_at), will_change)
        for concern_id, written_at, will_change in Response.objects.filter(concern_id__in=ids).values_list(
            "concern_id", "written_at", "will_change"
        )
    }
    satisfied: dict[Any, str] = {}
    for concern_id, answer in (
        Satisfaction.objects.filter(concern_id__in=ids).order_by("written_at", "pk").values_list("concern_id", "answer")
    ):
        satisfied[concern_id] = answer  # the latest answer wins
    restored = set(Restorative.objects.filter(concern_id__in=ids).values_list("concern_id", flat=True))
    found = []
    for row in rows:
        case = Case(_month(row["received_on"]), row["kind"], theme_of(row["about_type"]))
        if row["kind"] == Kind.CONCERN:
            received, nation = row["received_on"], row["nation"]
            if row["pk"] in moved:
                case.acknowledged_in = working_days_between(received, moved[row["pk"]], nation)
            response = responses.get(row["pk"])
            if response is not None:
                sent, will_change = response
                case.responded_in = working_days_between(received, sent, nation)
                case.due, case.on_time = True, sent <= row["respond_by"]
            else:
                case.due = row["respond_by"] < today and row["state"] != State.REFERRED
            case.satisfied = satisfied.get(row["pk"], "")
            case.changed = row["pk"] in restored or (response is not None and not _said_nothing_changes(will_change))
        found.append(case)
    return found


def learning_for(organisation: Organisation, today: date | None = None) -> Learning:
    """The organisation's figures over the last 12 months, this one included."""
    day = today or timezone.localdate()
    last = _month(day)
    first = _months_back(last, MONTHS - 1)
    starts = [_months_back(last, back) for back in range(MONTHS - 1, -1, -1)]
    every = cases(organisation, first, day)
    by_month: dict[date, list[Case]] = defaultdict(list)
    for case in every:
        by_month[case.month].append(case)
    concern_counts = [sum(c.kind == Kind.CONCERN for c in by_month[start]) for start in starts]
    compliment_counts = [sum(c.kind == Kind.COMPLIMENT for c in by_month[start]) for start in starts]
    monthly_concerns, monthly_compliments = protected(concern_counts), protected(compliment_counts)
    months = [
        Month(start, concerns, compliments, *_timings(by_month[start]))
        for start, concerns, compliments in zip(starts, monthly_concerns, monthly_compliments, strict=True)
    ]
    concerns = [case for case in every if case.kind == Kind.CONCERN]
    kinds = themes()
    about = protected([sum(case.theme == words for case in concerns) for words in kinds])
    answers = [sum(case.satisfied == key for case in concerns) for key in ANSWERS]
    points = [_point(month) for month in months]
    acknowledge_days, respond_days, on_time = _timings(every)
    if _any_hidden([month.on_time for month in months if month.on_time.text != "none due yet"]):
        on_time = Figure(None, HIDDEN)  # else the overall share, less the months shown, gives a hidden month's
    return Learning(
        organisation=organisation.name,
        first=first,
        last=last,
        months=months,
        concerns=total(len(concerns), monthly_concerns, about),
        compliments=total(len(every) - len(concerns), monthly_compliments),
        acknowledge_days=acknowledge_days,
        respond_days=respond_days,
        on_time=on_time,
        themes=list(zip(kinds, about, strict=True)),
        satisfaction=[(words, count(n)) for words, n in zip(ANSWERS.values(), answers, strict=True)],
        changed=count(sum(case.changed for case in concerns)),
        chart=RunChart(points, "Concerns received", f"Month received, {first:%B %Y} to {last:%B %Y}"),
    )


def _point(month: Month) -> RunPoint:
    """A month on the run chart: its count, or, when it is not shown, only what the table says of it."""
    figure = month.concerns
    if figure.value is not None:
        return RunPoint(f"{month.start:%b}", month.label, figure.value)
    if figure.text == FEWER:
        return RunPoint(f"{month.start:%b}", month.label, None)
    return RunPoint(f"{month.start:%b}", month.label, None, low=SMALL.stop, high=math.inf)


def _timings(cases: list[Case]) -> tuple[Figure, Figure, Figure]:
    concerns = [case for case in cases if case.kind == Kind.CONCERN]
    due = [case for case in concerns if case.due]
    return (
        median_days([c.acknowledged_in for c in concerns if c.acknowledged_in is not None]),
        median_days([c.responded_in for c in concerns if c.responded_in is not None]),
        share(sum(case.on_time for case in due), len(due)),
    )
