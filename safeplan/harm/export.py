"""Everything harm minimisation holds about a person, for "All my data" (registered as `export=` in
harm/capability.py; documented in safeplan/exports/schema/all-my-data.schema.json under `records.harm`).

Every check-in, shared with the care team or not (it is the person's own data, so it is in their copy either way),
and every conversation a practitioner recorded about their harm-minimisation plan. The plan itself is a plan and is
in the plans part.
"""

from datetime import date, datetime
from typing import Any

from safeplan.harm.models import CheckIn, Conversation
from safeplan.harm.prompts import PROMPTS
from safeplan.people.models import Person
from safeplan.plans.models import EntryRevision


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def technique_names(entry_ids: set[int]) -> dict[int, str]:
    """The name each technique had in its latest revision (also for techniques since taken out of the plan)."""
    names: dict[int, str] = {}
    for revision in EntryRevision.objects.filter(entry_id__in=entry_ids).order_by("entry_id", "number"):
        name = revision.fields.get("name", "") if isinstance(revision.fields, dict) else ""
        if name:
            names[revision.entry_id] = str(name)
    return names


def export_harm(person: Person) -> dict[str, Any]:
    check_ins = list(
        CheckIn.objects.filter(plan__person=person)
        .select_related("plan__template", "recorded_by")
        .order_by("used_on", "created_at", "pk")
    )
    names = technique_names({c.entry_id for c in check_ins})
    helped = dict(CheckIn.HELPED)
    conversations = (
        Conversation.objects.filter(plan__person=person).select_related("plan__template").order_by("written_at", "pk")
    )
    return {
        "check_ins": [
            {
                "id": str(check_in.pk),
                "plan_id": str(check_in.plan_id),
                "plan_title": check_in.plan.title,
                "technique": names.get(check_in.entry_id, ""),
                "used_on": _when(check_in.used_on),
                "helped": check_in.helped,
                "helped_words": helped.get(check_in.helped, ""),
                "note": check_in.note,
                "shared": check_in.shared,
                "recorded_by": str(check_in.recorded_by),
                "recorded_by_role": check_in.recorded_by_role,
                "recorded_at": _when(check_in.created_at),
            }
            for check_in in check_ins
        ],
        "conversations": [
            {
                "plan_id": str(conversation.plan_id),
                "plan_title": conversation.plan.title,
                "about": PROMPTS[conversation.prompt_key].for_person
                if conversation.prompt_key in PROMPTS
                else conversation.prompt_key,
                "note": conversation.note,
                "written_by": conversation.written_by_name,
                "written_by_role": conversation.written_by_role,
                "written_at": _when(conversation.written_at),
            }
            for conversation in conversations
        ],
    }
