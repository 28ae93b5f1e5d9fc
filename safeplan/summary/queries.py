"""The safety summary as one reader may see it, assembled at the moment of reading from the record (never typed
twice, never a stale copy): strengths first, then the crisis section and who not to contact, then what the record is.

Who reads it: the person; their care team (and emergency access); a supporter only if the person shared their summary
with them, and then only what each part's owner would show that supporter anyway (the sections of plans shared with
them; no check-ins).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_noop as N_

from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import SUMMARY_PARTS, SummaryPart, describe, summary_parts
from safeplan.summary.models import AboutMe, Attendance, Goal, GoalRevision

SHARED_AS = "summary"  # the object type of the summary in the person's shares (whole, by the person's id)
ATTENDED_OVER = timedelta(days=365)
HEADINGS = {  # translated where they are read (Summary.strengths, Summary.safety)
    "matters": N_("What matters to me"),
    "keeps_well": N_("What keeps me well"),
    "coped": N_("How I have coped before"),
    "techniques": N_("Things that have helped"),
    "people": N_("People who help"),
    "crisis": N_("If I am in crisis"),
    "do_not_contact": N_("People not to contact"),
}
STRENGTHS = ("matters", "keeps_well", "coped", "techniques", "people")


@dataclass
class GoalView:
    goal: Goal
    current: GoalRevision
    serves: list[tuple[str, str]]  # (words, link) of what serves it, as this reader may see it


@dataclass
class Summary:
    about: AboutMe | None
    goals: list[GoalView]
    attended: int
    attended_since: date
    parts: dict[str, list[SummaryPart]] = field(default_factory=dict)

    @property
    def strengths(self) -> list[tuple[str, str, list[SummaryPart]]]:
        return [(key, translated(HEADINGS[key]), self.parts[key]) for key in STRENGTHS if key in self.parts]

    def safety(self, key: str) -> tuple[str, list[SummaryPart]]:
        return translated(HEADINGS[key]), self.parts.get(key, [])

    @property
    def holds_withheld(self) -> bool:
        """Whether the care team's summary holds something withheld from the person (a print must not go to them)."""
        return any(line.withheld for parts in self.parts.values() for part in parts for line in part.lines)


def goals_of(access: RecordAccess) -> list[GoalView]:
    """The person's goals, open ones first, each as it stands (its latest revision), oldest first."""
    goals = list(Goal.objects.filter(person=access.person).order_by("created_at", "pk"))
    latest = {
        revision.goal_id: revision
        for revision in GoalRevision.objects.filter(goal__in=goals).order_by("goal_id", "number")
    }
    found = []
    for goal in goals:
        current = latest[goal.pk]
        serves = [(d.on_page, d.href) for d in (describe(access, r) for r in current.serves) if d is not None]
        found.append(GoalView(goal, current, serves))
    return sorted(found, key=lambda view: view.current.ended)


def summary_for(access: RecordAccess, today: date) -> Summary:
    since = today - ATTENDED_OVER
    parts: dict[str, list[SummaryPart]] = {}
    for part in summary_parts(access):
        parts.setdefault(part.part, []).append(part)
    assert set(parts) <= set(SUMMARY_PARTS)  # noqa: S101 - a capability gave a part the summary does not know
    return Summary(
        about=AboutMe.objects.filter(person=access.person).order_by("-written_at", "-pk").first(),
        goals=goals_of(access),
        attended=Attendance.objects.filter(person=access.person, attended_on__gt=since).count(),
        attended_since=since,
        parts=parts,
    )
