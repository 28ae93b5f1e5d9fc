"""The summary's own part of "All my data": what the person wrote about themselves, their goals with every revision,
and the appointments attended (the summary's other lines are the record's, exported by their owners)."""

from typing import Any

from safeplan.people.models import Person
from safeplan.summary.models import AboutMe, Attendance, Goal, GoalRevision


def _when(row: Any) -> dict[str, Any]:
    return {"written_by": row.written_by_name, "role": row.written_by_role, "written_at": row.written_at.isoformat()}


def export_summary(person: Person) -> dict[str, Any]:
    goals = list(Goal.objects.filter(person=person).order_by("created_at", "pk"))
    revisions = GoalRevision.objects.filter(goal__in=goals).order_by("goal_id", "number")
    by_goal: dict[Any, list[dict[str, Any]]] = {}
    for revision in revisions:
        by_goal.setdefault(revision.goal_id, []).append(
            {
                "number": revision.number,
                "words": revision.words,
                "steps": revision.steps,
                "who_helps": revision.who_helps,
                "done_or_set_aside": revision.ended,
                **_when(revision),
            }
        )
    return {
        "about_me": [{"words": row.words, **_when(row)} for row in AboutMe.objects.filter(person=person)],
        "goals": [{"id": str(goal.pk), "revisions": by_goal.get(goal.pk, [])} for goal in goals],
        "appointments_attended": [
            {"on": row.attended_on.isoformat(), "what": row.what, **_when(row)}
            for row in Attendance.objects.filter(person=person)
        ],
    }
