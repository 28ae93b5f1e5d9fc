"""A plan as it stands, as plain data: what a version freezes, what pages show, and what comparisons compare.

The same structure serves the living draft and every agreed version, so a page never shows one differently from
the other. Removed entries are left out: a contact taken out of the plan never appears as current.
"""

import hashlib
import json
from dataclasses import dataclass, field
from types import SimpleNamespace

from safeplan.core.fixed_sql import Columns, load_all, prep, select
from safeplan.people.access import RecordAccess
from safeplan.plans.current_words import current_words
from safeplan.plans.models import CrisisLine, Entry, EntryRevision, Plan, Voice
from safeplan.plans.plan_templates import KINDS

_LINE = Columns(CrisisLine, alias="l", only={"id", "name", "phone", "hours", "description", "last_checked"})
# The organisation's crisis lines in their order (`CrisisLine.Meta.ordering`), as SQL written once (core/fixed_sql.py):
# every plan page reads them. `circle/tests/test_current_words.py` holds the snapshot to the ORM's.
_LINES = select(_LINE, "l.organisation_id = %s", "l.position, l.name")


def content_hash(snapshot: dict) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def voice_label(entry: "Entry | SimpleNamespace", name_to_use: str) -> str:
    if entry.voice == Voice.PERSON:
        return name_to_use
    if entry.voice == Voice.SUPPORTER and entry.supporter is not None:
        who = entry.supporter.relationship or entry.supporter.get_kind_display()
        return f"{entry.supporter.user} ({who})"
    return "Care team"


def _entry_dict(
    entry: "Entry | SimpleNamespace", revision: "EntryRevision | SimpleNamespace", name_to_use: str
) -> dict:
    data = {
        "id": entry.pk,
        "voice": entry.voice,
        "voice_label": voice_label(entry, name_to_use),
        "fields": revision.fields,
        "revision": revision.number,
        "mode": revision.mode,
        "written_by": revision.written_by_name,
        "written_by_role": revision.written_by_role,
        "written_at": revision.written_at.isoformat(timespec="seconds"),
        "views": [],
    }
    if entry.hidden_from_staff_at is not None:  # only ever in a live page for the person or that supporter
        data["hidden_from_staff"] = True
    return data


def hidden_from_staff(plan: Plan) -> dict[int, int | None]:
    """{entry id: its supporter relationship id} for the entries of this plan hidden from staff (one query)."""
    return dict(Entry.objects.filter(plan=plan, hidden_from_staff_at__isnull=False).values_list("pk", "supporter_id"))


def without_hidden(snapshot: dict, reader: RecordAccess | None, hidden: dict[int, int | None]) -> dict:
    """A snapshot (a version taken before the person hid an entry, say) without the entries hidden from staff, unless
    the reader is the person or the supporter who wrote it. A hidden entry's differing views go with it."""
    if not hidden or (reader is not None and reader.is_person):
        return snapshot
    own = reader.support.pk if reader is not None and reader.is_supporter and reader.support is not None else None

    def shown(entry: dict) -> bool:
        return entry["id"] not in hidden or (own is not None and hidden[entry["id"]] == own)

    sections = [
        {
            **section,
            "items": [
                {
                    **item,
                    "entries": [
                        {**entry, "views": [view for view in entry.get("views", []) if shown(view)]}
                        for entry in item["entries"]
                        if shown(entry)
                    ],
                }
                for item in section["items"]
            ],
        }
        for section in snapshot["sections"]
    ]
    return {**snapshot, "sections": sections}


def build_snapshot(plan: Plan, reader: RecordAccess | None = None) -> dict:
    """The plan's current words, section by section in template order, each entry with its differing views.
    Without a `reader` (a version, an export), supporters' entries the person hid from staff are left out."""
    person = plan.person
    name_to_use = person.name_to_use
    by_item: dict[tuple[str, str], list[dict]] = {}
    views: list[tuple[int, dict]] = []
    for words in current_words(plan, reader):  # current_revisions(plan, views=True, reader=reader), as fixed SQL
        entry, revision = words.entry, words.revision
        data = _entry_dict(entry, revision, name_to_use)
        if entry.responds_to_id is not None:
            views.append((entry.responds_to_id, data))
        else:
            by_item.setdefault((entry.section_key, entry.item_key), []).append(data)
    top = {data["id"]: data for entries in by_item.values() for data in entries}
    for answered, data in views:
        if answered in top:  # a view of a removed entry goes with it
            top[answered]["views"].append(data)
    definition = plan.template.definition
    sections = []
    for section in definition["sections"]:
        items = [
            {
                "key": item["key"],
                "kind": item["kind"],
                "prompt": item["prompt"],
                "hint": item.get("hint", ""),
                "if_yes": item.get("if_yes", ""),
                "entries": by_item.get((section["key"], item["key"]), []),
            }
            for item in section["items"]
        ]
        sections.append(
            {
                "key": section["key"],
                "title": section["title"],
                "intro": section.get("intro", ""),
                "crisis": bool(section.get("crisis", False)),
                "crisis_lines": bool(section.get("crisis_lines", False)),
                "items": items,
            }
        )
    if not any(s["crisis_lines"] for s in sections):
        # Every plan with a crisis section shows the organisation's crisis lines there, not only the six-step plan.
        first_crisis = next((s for s in sections if s["crisis"]), None)
        if first_crisis is not None:
            first_crisis["crisis_lines"] = True
    lines = []
    if any(s["crisis_lines"] for s in sections):
        lines = [
            {
                "name": line.name,
                "phone": line.phone,
                "hours": line.hours,
                "description": line.description,
                "last_checked": line.last_checked.isoformat(),
            }
            for line in load_all(_LINE, _LINES, [prep(CrisisLine, "organisation", person.organisation_id)], plain=True)
        ]
    return {
        "plan": str(plan.pk),
        "template": {"key": plan.template.key, "version": plan.template.version, "title": plan.template.title},
        "person": {"name": person.full_name, "name_to_use": name_to_use},
        "crisis_lines": lines,
        "sections": sections,
    }


# Comparison ----------------------------------------------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class EntryChange:
    change: str  # "added", "changed" or "removed"
    prompt: str
    voice_label: str
    by: str
    is_view: bool
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class SectionChanges:
    title: str
    changes: list[EntryChange]


def _flatten(snapshot: dict) -> dict[int, tuple[str, dict, dict, bool]]:
    """{entry id: (section key, item, entry, is a differing view)}"""
    found: dict[int, tuple[str, dict, dict, bool]] = {}
    for section in snapshot["sections"]:
        for item in section["items"]:
            for entry in item["entries"]:
                found[entry["id"]] = (section["key"], item, entry, False)
                for view in entry["views"]:
                    found[view["id"]] = (section["key"], item, view, True)
    return found


def entry_ids(snapshot: dict) -> set[int]:
    """Every entry and differing view in a snapshot."""
    return set(_flatten(snapshot))


def _labels(kind: str, is_view: bool) -> dict[str, str]:
    shape = KINDS["text"] if is_view else KINDS.get(kind, ())
    return {f.name: f.label for f in shape}


def _field_changes(labels: dict[str, str], before: dict, after: dict) -> list[FieldChange]:
    names = list(labels) + sorted(set(before) | set(after) - set(labels))
    return [
        FieldChange(labels.get(n) or n, before.get(n, ""), after.get(n, ""))
        for n in names
        if before.get(n, "") != after.get(n, "")
    ]


def compare(older: dict, newer: dict, removed_by: dict[int, str] | None = None) -> list[SectionChanges]:
    """What changed from one snapshot to another, section by section in the newer one's order, and who changed it."""
    old, new = _flatten(older), _flatten(newer)
    removed_by = removed_by or {}
    per_section: dict[str, list[EntryChange]] = {}
    for entry_id, (section_key, item, entry, is_view) in new.items():
        labels = _labels(item["kind"], is_view)
        if entry_id not in old:
            fields = _field_changes(labels, {}, entry["fields"])
            change = EntryChange("added", item["prompt"], entry["voice_label"], entry["written_by"], is_view, fields)
        elif old[entry_id][2]["revision"] != entry["revision"]:
            fields = _field_changes(labels, old[entry_id][2]["fields"], entry["fields"])
            change = EntryChange("changed", item["prompt"], entry["voice_label"], entry["written_by"], is_view, fields)
        else:
            continue
        per_section.setdefault(section_key, []).append(change)
    for entry_id, (section_key, item, entry, is_view) in old.items():
        if entry_id not in new:
            labels = _labels(item["kind"], is_view)
            fields = _field_changes(labels, entry["fields"], {})
            by = removed_by.get(entry_id, "")
            change = EntryChange("removed", item["prompt"], entry["voice_label"], by, is_view, fields)
            per_section.setdefault(section_key, []).append(change)
    titles = {s["key"]: s["title"] for s in older["sections"]} | {s["key"]: s["title"] for s in newer["sections"]}
    order = [s["key"] for s in newer["sections"]] + [s["key"] for s in older["sections"]]
    seen: set[str] = set()
    result = []
    for key in order:
        if key in per_section and key not in seen:
            seen.add(key)
            result.append(SectionChanges(titles[key], per_section[key]))
    return result


def who_removed(entry_ids: list[int]) -> dict[int, str]:
    """The name of whoever took each entry out of the plan (the latest removal revision)."""
    names: dict[int, str] = {}
    for revision in EntryRevision.objects.filter(entry_id__in=entry_ids, removed=True).order_by("number"):
        names[revision.entry_id] = revision.written_by_name
    return names
