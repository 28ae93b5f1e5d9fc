"""Everything plans holds about a person, for "All my data" (registered as `export=` in plans/capability.py; the
shape is documented in safeplan/exports/schema/all-my-data.schema.json, under `records.plans`).

Every plan: its current draft (the words as they stand, as a version would freeze them), every version put forward
with its frozen snapshot and its signatures, and every entry with every revision ever written (words later changed
or taken out included: the person is entitled to everything held, not only what is current).
"""

from datetime import date, datetime
from typing import Any

from safeplan.people.models import Person
from safeplan.plans.models import Entry, Plan, PlanVersion
from safeplan.plans.snapshots import build_snapshot


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _versions(plan: Plan) -> list[dict[str, Any]]:
    versions = (
        PlanVersion.objects.filter(plan=plan).select_related("put_forward_by").prefetch_related("signatures")
    ).order_by("number")
    return [
        {
            "number": version.number,
            "put_forward_by": str(version.put_forward_by),
            "put_forward_at": _when(version.put_forward_at),
            "agreed_at": _when(version.agreed_at),
            "review_due": _when(version.review_due),
            "content_hash": version.content_hash,
            "snapshot": version.snapshot,
            "signatures": [
                {
                    "role": signature.role,
                    "signer_name": signature.signer_name,
                    "signed_at": _when(signature.signed_at),
                    "content_hash": signature.content_hash,
                }
                for signature in sorted(version.signatures.all(), key=lambda s: s.signed_at)
            ],
        }
        for version in versions
    ]


def _entry_history(plan: Plan) -> list[dict[str, Any]]:
    entries = Entry.objects.filter(plan=plan).prefetch_related("revisions").order_by("created_at", "pk")
    return [
        {
            "id": entry.pk,
            "section_key": entry.section_key,
            "item_key": entry.item_key,
            "voice": entry.voice,
            "responds_to": entry.responds_to_id,
            "created_at": _when(entry.created_at),
            "revisions": [
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
            ],
        }
        for entry in entries
    ]


def export_plans(person: Person) -> dict[str, Any]:
    plans = Plan.objects.filter(person=person).select_related("template", "started_by", "person__organisation")
    return {
        "plans": [
            {
                "id": str(plan.pk),
                "title": plan.title,
                "purpose": plan.purpose,
                "template": {"key": plan.template.key, "version": plan.template.version, "title": plan.template.title},
                "started_by": str(plan.started_by),
                "started_at": _when(plan.started_at),
                "updated_at": _when(plan.updated_at),
                "current_draft": build_snapshot(plan),
                "versions": _versions(plan),
                "entry_history": _entry_history(plan),
            }
            for plan in plans.order_by("started_at", "pk")
        ]
    }
