"""Everything plans holds about a person, for "All my data" (registered as `export=` in plans/capability.py; the
shape is documented in safeplan/exports/schema/all-my-data.schema.json, under `records.plans`).

Every plan: its current draft (the words as they stand, as a version would freeze them), every version put forward
with its frozen snapshot and its signatures, and every entry with every revision ever written (words later changed
or taken out included: the person is entitled to everything held, not only what is current). An entry withheld from
the person (ADR 0010) is in its place as withheld, with when, by whom and the review date, never its words; each one
is also listed under the document's top-level `withheld`, and each signature says whether its version held one.
"""

from datetime import date, datetime
from typing import Any

from safeplan.people.models import Person
from safeplan.people.withholding import HOW_TO_ASK, Withholding, withheld_at, withholdings_of
from safeplan.plans.models import Entry, Plan, PlanVersion
from safeplan.plans.snapshots import build_snapshot, entry_ids, hidden_from_staff, without_hidden
from safeplan.plans.withheld import ENTRY, Withheld, exported, for_export


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _versions(plan: Plan, withheld: Withheld, rows: list[Withholding]) -> list[dict[str, Any]]:
    versions = (
        PlanVersion.objects.filter(plan=plan).select_related("put_forward_by").prefetch_related("signatures")
    ).order_by("number")
    hidden = hidden_from_staff(plan)  # left out of every copy: the care team makes subject-access copies
    return [
        {
            "number": version.number,
            "put_forward_by": str(version.put_forward_by),
            "put_forward_at": _when(version.put_forward_at),
            "agreed_at": _when(version.agreed_at),
            "review_due": _when(version.review_due),
            "content_hash": version.content_hash,
            "snapshot": for_export(without_hidden(version.snapshot, None, hidden), withheld),
            "signatures": [
                {
                    "role": signature.role,
                    "signer_name": signature.signer_name,
                    "signed_at": _when(signature.signed_at),
                    "content_hash": signature.content_hash,
                    "withheld_when_signed": withheld_at(rows, entry_ids(version.snapshot), signature.signed_at),
                }
                for signature in sorted(version.signatures.all(), key=lambda s: s.signed_at)
            ],
        }
        for version in versions
    ]


def _entry_history(plan: Plan, withheld: Withheld) -> list[dict[str, Any]]:
    entries = (
        Entry.objects.filter(plan=plan)
        .prefetch_related("revisions", "reviews", "review_requests")
        .order_by("created_at", "pk")
    )

    def row_of(entry: Entry) -> Withholding | None:
        return withheld.get(str(entry.pk)) or withheld.get(str(entry.responds_to_id))

    hidden = set(hidden_from_staff(plan))

    def words_of(entry: Entry) -> list[dict[str, Any]]:
        if entry.pk in hidden or entry.responds_to_id in hidden:
            return []  # hidden from the care team, who make subject-access copies: read in safeplan (ADR 0008)
        return [
            {
                "number": revision.number,
                "fields": revision.fields,
                "removed": revision.removed,
                "mode": revision.mode,
                "written_by": revision.written_by_name,
                "written_by_role": revision.written_by_role,
                "written_at": _when(revision.written_at),
            }
            for revision in sorted(entry.revisions.all(), key=lambda r: r.number)
        ]

    return [
        exported(row)
        if (row := row_of(entry)) is not None
        else {
            "id": entry.pk,
            "section_key": entry.section_key,
            "item_key": entry.item_key,
            "voice": entry.voice,
            "responds_to": entry.responds_to_id,
            "created_at": _when(entry.created_at),
            "revisions": words_of(entry),
            "reviews": [
                {
                    "current": review.current,
                    "with_whom": review.with_whom,
                    "why": review.why,
                    "written_by": review.written_by_name,
                    "written_by_role": review.written_by_role,
                    "written_at": _when(review.written_at),
                }
                for review in sorted(entry.reviews.all(), key=lambda r: (r.written_at, r.pk))
            ],
            "review_requests": [
                {"words": asked.words, "written_at": _when(asked.written_at)}
                for asked in sorted(entry.review_requests.all(), key=lambda r: (r.written_at, r.pk))
            ],
            **({"hidden_from_care_team": True} if entry.pk in hidden or entry.responds_to_id in hidden else {}),
        }
        for entry in entries
    ]


def _listed(plans: list[Plan], withheld: Withheld) -> list[dict[str, Any]]:
    """The top-level `withheld` list: where each withheld entry sits, in words, with its dates."""
    by_id = {str(plan.pk): plan for plan in plans}
    listed = []
    for row in withheld.values():
        plan = by_id.get(row.container_id)
        if plan is None:
            continue
        section = next((s["title"] for s in plan.template.sections if s["key"] == row.part), "")
        where = f"“{plan.title}”" + (f", in “{section}”" if section else "")
        listed.append({"what": "an entry in your plan", "where": where, **exported(row), "how_to_ask": HOW_TO_ASK})
    return listed


def export_plans(person: Person) -> dict[str, Any]:
    plans = list(
        Plan.objects.filter(person=person)
        .select_related("template", "started_by", "person__organisation")
        .order_by("started_at", "pk")
    )
    rows = withholdings_of(person, [ENTRY])
    withheld = {row.object_id: row for row in rows if row.released_at is None}
    return {
        "withheld": _listed(plans, withheld),
        "plans": [
            {
                "id": str(plan.pk),
                "title": plan.title,
                "purpose": plan.purpose,
                "template": {"key": plan.template.key, "version": plan.template.version, "title": plan.template.title},
                "started_by": str(plan.started_by),
                "started_at": _when(plan.started_at),
                "updated_at": _when(plan.updated_at),
                "current_draft": for_export(build_snapshot(plan), withheld),
                "versions": _versions(plan, withheld, rows),
                "entry_history": _entry_history(plan, withheld),
            }
            for plan in plans
        ],
    }
