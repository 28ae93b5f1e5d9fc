"""Entries: adding them in a voice, revising them (refusing stale edits), and differing views.

Optimistic concurrency: an edit names the revision it was based on, and the revision counter only moves by a
conditional UPDATE (`WHERE revision = based_on`). Two writers in different processes cannot both win: the database
row lock decides, and the loser gets StaleEdit with the newer text. No in-process locks are involved.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract

from safeplan.people.models import SupportRelationship
from safeplan.plans.extensions import KIND_EXTENSIONS
from safeplan.plans.models import SUPPORTER_KINDS, Entry, EntryRevision, Mode, Plan, Voice
from safeplan.plans.plan_templates import KINDS, item_definition
from safeplan.plans.services.common import (
    VIEW_KIND,
    Action,
    PlanError,
    StaleEdit,
    Writer,
    audit_change,
    check_adding,
    check_plan,
)


def clean_fields(kind: str, fields: dict[str, str], plan: Plan | None = None) -> dict[str, str]:
    """Keep only the fields of this kind, trimmed; refuse missing required ones and unknown choices. A kind another
    app registered then fills the fields the server owns."""
    shape = KINDS.get(kind) if kind != VIEW_KIND else KINDS["text"]
    if shape is None:
        raise PlanError(f"Unknown kind of entry: {kind}.")
    cleaned: dict[str, str] = {}
    for field in shape:
        value = str(fields.get(field.name, "") or "").strip()
        if field.required and not value:
            raise PlanError(_("Enter %(what)s.") % {"what": translated(field.label).lower()})
        if len(value) > field.max_length:
            raise PlanError(
                _("%(what)s must be %(most)s characters or fewer.")
                % {"what": translated(field.label), "most": field.max_length}
            )
        chosen = [v.strip() for v in value.split(",") if v.strip()] if field.multiple else [value] if value else []
        if field.choices and any(v not in dict(field.choices) for v in chosen):
            raise PlanError(_("Choose one of the options for %(what)s.") % {"what": translated(field.label).lower()})
        if value:
            cleaned[field.name] = ",".join(chosen) if field.multiple else value
    extension = KIND_EXTENSIONS.get(kind)
    if extension is not None and extension.clean is not None and plan is not None:
        cleaned = extension.clean(plan, cleaned)
    return cleaned


def _check_voice(writer: Writer, voice: str, mode: str, supporter: SupportRelationship | None) -> None:
    if voice not in Voice.values or mode not in Mode.values:
        raise PlanError(_("Choose whose words these are."))
    if writer.is_supporter:
        own = writer.access.support
        if voice != Voice.SUPPORTER or supporter is None or own is None or supporter.pk != own.pk:
            raise PlanError(_("You write here in your own name only."))
        if mode != Mode.OWN:
            raise PlanError(_("Your words are your own."))
        return
    if voice == Voice.SUPPORTER:
        if supporter is None or supporter.person_id != writer.access.person.pk:
            raise PlanError(_("Choose which supporter's words these are."))
        if mode != Mode.FOR:
            raise PlanError(
                _("A supporter's words are written down for them, or written by them from their own login.")
            )
    elif supporter is not None:
        raise PlanError(_("Only a supporter's words name a supporter."))
    if writer.is_person:
        if voice == Voice.CARE_TEAM:
            raise PlanError(_("You can add your own view beside the care team's, but not write as them."))
        if voice == Voice.PERSON and mode != Mode.OWN:
            raise PlanError(_("Your words are your own."))
    else:
        if voice == Voice.CARE_TEAM and mode != Mode.OWN:
            raise PlanError(_("The care team writes in its own words."))
        if voice == Voice.PERSON and mode not in (Mode.TOGETHER, Mode.FOR):
            raise PlanError(
                _("Say whether you wrote this together with the person, or wrote down their words for them.")
            )


def _may_revise(writer: Writer, entry: Entry, mode: str, current: EntryRevision, *, removed: bool) -> None:
    if writer.is_supporter:
        own = writer.access.support
        if entry.voice != Voice.SUPPORTER or own is None or entry.supporter_id != own.pk:
            raise PlanError(_("These are someone else's words. Add your own view beside them instead."))
        return
    if entry.voice == Voice.SUPPORTER and current.mode == Mode.OWN:
        # A supporter's own words are theirs: nobody else changes them. The person may take them out of the plan.
        if removed and writer.is_person:
            return
        raise PlanError(_("These are a supporter's own words. Add your own view beside them instead."))
    if entry.voice == Voice.CARE_TEAM and not writer.is_care_team:
        raise PlanError(_("This is the care team's view. Add your own view beside it instead."))
    if entry.voice == Voice.PERSON and writer.is_care_team and mode != Mode.TOGETHER:
        raise PlanError(
            "These are the person's words. Change them only together with them, or add the care team's view beside."
        )


def entry_kind(plan: Plan, entry: Entry) -> str:
    if entry.responds_to_id is not None:
        return VIEW_KIND
    found = item_definition(plan.template.definition, entry.section_key, entry.item_key)
    if found is None:
        raise PlanError(_("That part of the plan no longer exists in its template."))
    return str(found[1]["kind"])


def _bump_plan(plan: Plan, now: datetime) -> None:
    Plan.objects.filter(pk=plan.pk).update(revision=F("revision") + 1, updated_at=now)


def add_entry(
    writer: Writer,
    plan: Plan,
    *,
    section_key: str,
    item_key: str,
    fields: dict[str, str],
    voice: str,
    mode: str,
    supporter: SupportRelationship | None = None,
    responds_to: Entry | None = None,
    now: datetime | None = None,
) -> Entry:
    """Add a statement to the plan in a voice, or a differing view beside another entry. A supporter adds only in
    their own voice, and only to a section the person asked them to add their view to."""
    check_adding(writer, plan, responds_to.section_key if responds_to is not None else section_key)
    _check_voice(writer, voice, mode, supporter)
    if responds_to is not None:
        if responds_to.plan_id != plan.pk or responds_to.responds_to_id is not None:
            raise PlanError(_("A differing view answers one entry in the same plan."))
        if responds_to.voice == voice and responds_to.supporter_id == (supporter.pk if supporter else None):
            raise PlanError(_("A differing view comes from someone other than the entry's author."))
        section_key, item_key, kind = responds_to.section_key, responds_to.item_key, VIEW_KIND
    else:
        found = item_definition(plan.template.definition, section_key, item_key)
        if found is None:
            raise PlanError(_("That question is not part of this plan."))
        kind = found[1]["kind"]
        if writer.is_supporter and kind not in SUPPORTER_KINDS:
            raise PlanError(_("This is for the person's own answer. Add your view beside what is written instead."))
    cleaned = clean_fields(kind, fields, plan)
    now = now or timezone.now()
    with transaction.atomic():
        entry = Entry.objects.create(
            plan=plan,
            section_key=section_key,
            item_key=item_key,
            voice=voice,
            supporter=supporter,
            responds_to=responds_to,
            created_at=now,
            created_by=writer.user,
        )
        _write_revision(writer, entry, 1, cleaned, mode, removed=False, now=now)
        _bump_plan(plan, now)
        audit_change(writer, Action.CREATE, "plan_entry", entry.pk, 1)
    return entry


def revise_entry(
    writer: Writer,
    entry: Entry,
    *,
    fields: dict[str, str],
    based_on: int,
    mode: str,
    removed: bool = False,
    now: datetime | None = None,
) -> EntryRevision:
    """Write a new revision of an entry, if nobody else has since `based_on`. The old words stay in history."""
    plan = entry.plan
    check_adding(writer, plan, entry.section_key)
    current = latest_revision(entry)
    _may_revise(writer, entry, mode, current, removed=removed)
    if removed and entry.voice == Voice.SUPPORTER:
        mode = current.mode  # taking a supporter's words out keeps whose words they were
    else:
        _check_voice(writer, entry.voice, mode, entry.supporter)
    # Taking an entry out of the plan keeps its last words, so history shows what was removed.
    cleaned = dict(current.fields) if removed else clean_fields(entry_kind(plan, entry), fields, plan)
    now = now or timezone.now()
    with transaction.atomic():
        moved = Entry.objects.filter(pk=entry.pk, revision=based_on).update(revision=based_on + 1)
        if moved != 1:
            raise StaleEdit(entry, latest_revision(entry))
        if EntryRevision.objects.filter(entry=entry, number=based_on, removed=True).exists():
            raise PlanError(_("This has been taken out of the plan. Add it again if it still belongs."))
        revision = _write_revision(writer, entry, based_on + 1, cleaned, mode, removed=removed, now=now)
        _bump_plan(plan, now)
        audit_change(writer, Action.UPDATE, "plan_entry", entry.pk, based_on + 1)
    entry.revision = based_on + 1
    return revision


def hide_from_staff(writer: Writer, entry: Entry, *, hidden: bool, now: datetime | None = None) -> None:
    """The person hides a supporter's entry from their care team (then it is in no version or export to staff), or
    shows it to them again. The words and their history are untouched."""
    if not writer.is_person:
        raise PlanError(_("Only the person whose plan it is can choose who sees a supporter's words."))
    check_plan(writer, entry.plan)
    if entry.voice != Voice.SUPPORTER:
        raise PlanError(_("Only a supporter's words can be hidden from your care team."))
    moment = now or timezone.now()
    with transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(hidden_from_staff_at=moment if hidden else None)
        _bump_plan(entry.plan, moment)  # a version put forward before no longer holds the plan as it stands
        audit_change(writer, Action.UPDATE, "plan_entry", entry.pk, "hidden from care team" if hidden else "shown")


def latest_revision(entry: Entry) -> EntryRevision:
    return EntryRevision.objects.filter(entry=entry).order_by("-number").select_related("written_by").first()  # type: ignore[return-value]


def _write_revision(
    writer: Writer, entry: Entry, number: int, fields: dict, mode: str, *, removed: bool, now: datetime
) -> EntryRevision:
    return EntryRevision.objects.create(
        entry=entry,
        number=number,
        fields=fields,
        removed=removed,
        mode=mode,
        **writer.authored(now),
    )
