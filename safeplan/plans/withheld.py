"""Plan entries withheld from the person (the serious-harm test; the kernel's `people.withholding`, ADR 0010).

Snapshots (the living draft and every version) keep every entry: what is withheld is decided at display time, from
the withholdings in force now, so a release shows the entry again in every version at once. Each reader sees:
- the care team and emergency access: every entry, a withheld one with "Withheld from …: reason, review by …";
- the person: "Something here is not shown to you" (when, by whom, how to ask) where a withheld entry sits, never
  its words; a withheld entry's differing views go with it (they answer what the person cannot see);
- a supporter: nothing of it, not even the marker.
A signature says whether anything in its version was withheld from the person when it was made.
"""

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import WithheldThing
from safeplan.people.withholding import Withholding, current_withholdings, exported, withheld_at, withholdings_of
from safeplan.plans.extensions import KIND_EXTENSIONS
from safeplan.plans.models import Entry, EntryRevision, Plan, PlanVersion, Signature, Voice
from safeplan.plans.presenters import field_rows
from safeplan.plans.queries import entry_of, placement
from safeplan.plans.snapshots import entry_ids

ENTRY = "plan_entry"  # the object type of an entry, as audited and as withheld
NOT_WITHHELD = {"do_not_contact"}  # read beyond the plan's pages (plans.queries.do_not_contact_names)
Withheld = dict[str, Withholding]  # {entry id: its withholding}, as current_withholdings returns it


def withheld_entries(plan: Plan) -> Withheld:
    """The entries of this person's plans withheld from them now (one query)."""
    return current_withholdings(plan.person, ENTRY)


def hidden_by_withholding(access: RecordAccess, entry: Entry) -> bool:
    """Whether this reader (the person or a supporter) may not open this entry: it, or the entry it answers, is
    withheld from the person. The care team and emergency access may."""
    if not (access.is_person or access.is_supporter):
        return False
    ids = [str(entry.pk)] + ([str(entry.responds_to_id)] if entry.responds_to_id is not None else [])
    return Withholding.objects.current().filter(person=access.person, object_type=ENTRY, object_id__in=ids).exists()


def _refusal(access: RecordAccess, entry: Entry, kind: str) -> str:
    if entry.voice == Voice.PERSON:
        return f"These are {access.person.name_to_use}'s own words: they cannot be withheld from them."
    if Entry.objects.filter(responds_to=entry, voice=Voice.PERSON).exists():
        # Withholding it would take their answer with it, and they have read what they answered.
        return f"{access.person.name_to_use} has answered this in their own words, so it cannot be withheld from them."
    if kind in KIND_EXTENSIONS:
        return "Other parts of the record show this (harm minimisation, for one), so it cannot be withheld."
    if kind in NOT_WITHHELD:
        return "Who must not be contacted is checked wherever contacts are (invitations too): it cannot be withheld."
    return ""


def find_entry(access: RecordAccess, object_id: str) -> WithheldThing | None:
    """An entry (or a differing view) of this person's plans, as the care team sees it while deciding."""
    entry = entry_of(access.person, object_id)
    if entry is None or entry.hidden_from_staff_at is not None:
        return None  # a supporter's words the person hid from staff are not theirs to see, let alone withhold
    if entry.responds_to is not None and entry.responds_to.hidden_from_staff_at is not None:
        return None
    plan, answered = entry.plan, entry.responds_to
    placed = answered or entry
    section, prompt, kind = placement(entry)
    latest = EntryRevision.objects.filter(entry=entry, removed=False).order_by("-number").first()
    rows = field_rows(kind, latest.fields, is_view=answered is not None) if latest is not None else []
    what = "A different view" if answered is not None else "An entry"
    return WithheldThing(
        heading=f"{what} in “{plan.title}”, in “{section}”: {prompt}",
        rows=rows,
        back=reverse("plan", kwargs={"person_id": access.person.pk, "plan_id": plan.pk}) + f"#entry-{entry.pk}",
        container_id=str(plan.pk),
        part=placed.section_key,
        refusal=_refusal(access, entry, kind if answered is None else "text"),
    )


def entry_link(row: Withholding) -> str:
    return reverse("plan", kwargs={"person_id": row.person_id, "plan_id": row.container_id}) + f"#entry-{row.object_id}"


def marker(row: Withholding) -> dict[str, Any]:  # (review_passed: the marker says so, rather than a date gone by)
    """What the person sees where a withheld entry sits: when, by whom, the review date; never its words."""
    return {
        "marker": True,
        "withholding_id": row.pk,
        "withheld_on": row.decided_on.isoformat(),
        "decided_by": row.decided_by_name,
        "review_by": row.review_on.isoformat(),
        "review_passed": row.is_past_review(),
        "fields": {},
        "views": [],
    }


def note(row: Withholding, name: str) -> dict[str, Any]:
    """What the care team sees under a withheld entry."""
    return {
        "id": row.pk,
        "withheld_from": name,
        "reason": row.reason,
        "decided_by": f"{row.decided_by_name} ({row.decided_by_role})",
        "withheld_on": row.decided_on.isoformat(),
        "review_by": row.review_on.isoformat(),
        "overdue": row.is_past_review(),
    }


def _may_withhold(entry: dict[str, Any], kind: str) -> bool:
    return entry["voice"] != Voice.PERSON and kind not in KIND_EXTENSIONS and kind not in NOT_WITHHELD


def _seen(access: RecordAccess, entry: dict[str, Any], kind: str, withheld: Withheld) -> dict[str, Any] | None:
    """One entry (or differing view, with `kind` "text") as this reader sees it; None when they see nothing of it."""
    row = withheld.get(str(entry["id"]))
    if row is not None and access.is_supporter:
        return None
    if row is not None and access.is_person:
        return marker(row)
    shown = dict(entry)
    if row is not None:
        shown["withholding"] = note(row, access.person.name_to_use)
    elif access.is_care_team:
        shown["may_withhold"] = _may_withhold(entry, kind)
    if "views" in entry:
        views = (_seen(access, view, "text", withheld) for view in entry["views"])
        shown["views"] = [view for view in views if view is not None]
    return shown


def as_seen_by(access: RecordAccess, snapshot: dict[str, Any], withheld: Withheld) -> dict[str, Any]:
    """A snapshot as this reader may see it (see the module's docstring). Never changes the snapshot given."""
    if not withheld and not access.is_care_team:
        return snapshot
    sections = []
    for section in snapshot["sections"]:
        items = []
        for item in section["items"]:
            entries = (_seen(access, entry, item["kind"], withheld) for entry in item["entries"])
            items.append({**item, "entries": [entry for entry in entries if entry is not None]})
        sections.append({**section, "items": items})
    return {**snapshot, "sections": sections}


def for_export(snapshot: dict[str, Any], withheld: Withheld) -> dict[str, Any]:
    """A snapshot for the person's copy: each withheld entry (with its views) or view replaced by `exported`."""
    if not withheld:
        return snapshot

    def one(entry: dict[str, Any]) -> dict[str, Any]:
        row = withheld.get(str(entry["id"]))
        if row is not None:
            return exported(row)
        views = [exported(withheld[str(v["id"])]) if str(v["id"]) in withheld else v for v in entry["views"]]
        return {**entry, "views": views}

    sections = [
        {**section, "items": [{**item, "entries": [one(e) for e in item["entries"]]} for item in section["items"]]}
        for section in snapshot["sections"]
    ]
    return {**snapshot, "sections": sections}


def without_withheld(snapshot: dict[str, Any], withheld: Withheld) -> dict[str, Any]:
    """A snapshot with the withheld entries (and their views) left out entirely: for comparing what the person sees."""
    if not withheld:
        return snapshot

    def kept(entry: dict[str, Any]) -> dict[str, Any]:
        return {**entry, "views": [view for view in entry["views"] if str(view["id"]) not in withheld]}

    sections = [
        {
            **section,
            "items": [
                {**item, "entries": [kept(e) for e in item["entries"] if str(e["id"]) not in withheld]}
                for item in section["items"]
            ],
        }
        for section in snapshot["sections"]
    ]
    return {**snapshot, "sections": sections}


def includes_withheld(snapshot: dict[str, Any], withheld: Withheld) -> bool:
    """Whether anything in this snapshot is withheld from the person now."""
    return bool({str(i) for i in entry_ids(snapshot)} & set(withheld))


def _whom(access: RecordAccess) -> str:
    return "you" if access.is_person else access.person.name_to_use


def signing_note(access: RecordAccess, snapshot: dict[str, Any], withheld: Withheld) -> str:
    """Said beside the signatures and the sign button while the version holds something withheld from the person."""
    if access.is_supporter or not includes_withheld(snapshot, withheld):
        return ""
    if access.is_person:
        return _(
            "This version includes something not shown to you. Signing says you agree with what you can read here; "
            "you can ask your care team about the rest."
        )
    return (
        f"This version includes something not shown to {access.person.name_to_use}. They sign what they can see: "
        "their signature will say so, and so will yours."
    )


def signature_notes(access: RecordAccess, plan: Plan, versions: Iterable[PlanVersion]) -> dict[int, str]:
    """{signature id: "…included something not shown to …"} for each signature made while its version held something
    withheld from the person (releases since then do not change what was true when they signed). Empty for a
    supporter, who never learns that anything is withheld."""
    if access.is_supporter:
        return {}
    rows = withholdings_of(plan.person, [ENTRY], container_id=plan.pk)
    if not rows:
        return {}
    versions = list(versions)
    snapshots = dict(PlanVersion.objects.filter(pk__in=[v.pk for v in versions]).values_list("pk", "snapshot"))
    notes = {}
    for version in versions:
        ids = entry_ids(snapshots[version.pk])
        for signature in version.signatures.all():
            if withheld_at(rows, ids, signature.signed_at):
                notes[signature.pk] = _signed_note(access, signature)
    return notes


def _signed_note(access: RecordAccess, signature: Signature) -> str:
    if access.is_person:
        if signature.role == Signature.Role.PERSON:
            return _("When you signed, this version included something not shown to you.")
        return _("When %(who)s signed, this version included something not shown to you.") % {
            "who": signature.signer_name
        }
    return f"When {signature.signer_name} signed, this version included something not shown to {_whom(access)}."


def document_note(access: RecordAccess, snapshot: dict[str, Any], withheld: Withheld) -> str:
    """At the top of a printed or downloaded copy for the care team: it holds what the person must not be given."""
    if access.is_person or access.is_supporter or not includes_withheld(snapshot, withheld):
        return ""
    name = access.person.name_to_use
    return f"This copy includes something withheld from {name}, marked below. Do not give it to {name}."
