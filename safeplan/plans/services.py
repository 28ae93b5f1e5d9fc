"""Every change to a safety plan: one transaction each, with its audit row, refusing stale or forbidden changes.

Optimistic concurrency: an edit names the revision it was based on, and the revision counter only moves by a
conditional UPDATE (`WHERE revision = based_on`). Two writers in different processes cannot both win: the database
row lock decides, and the loser gets StaleEdit with the newer text. No in-process locks are involved.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.people.access import RecordAccess
from safeplan.people.models import SupportRelationship, User
from safeplan.plans.models import Entry, EntryRevision, Mode, Plan, PlanTemplate, PlanVersion, Signature, Voice
from safeplan.plans.plan_templates import KINDS, item_definition
from safeplan.plans.snapshots import build_snapshot, content_hash

Action = AuditEvent.Action
Purpose = AuditEvent.Purpose
VIEW_KIND = "view"  # a differing view is always free text beside the entry it answers


class PlanError(Exception):
    """A change this user may not make, or that does not make sense. The message is safe to show them."""


class StaleEdit(PlanError):
    """The entry changed after the user started editing it."""

    def __init__(self, entry: Entry, current: EntryRevision):
        super().__init__("Someone else changed this while you were editing it.")
        self.entry = entry
        self.current = current


class VersionChanged(PlanError):
    """The version being signed is not the plan as it stands."""


@dataclass(frozen=True)
class Writer:
    """Who is changing a plan and through which access: the person themselves, or their care team."""

    user: User
    access: RecordAccess
    request_id: str = ""

    @property
    def is_person(self) -> bool:
        return self.access.role == "person"

    @property
    def is_care_team(self) -> bool:
        return self.access.purpose == Purpose.CARE

    @property
    def actor(self) -> audit.Actor:
        return audit.Actor(self.user.pk, str(self.user), self.access.role, self.request_id)

    def check_may_write(self, plan: Plan | None = None) -> None:
        if not (self.is_person or self.is_care_team):
            raise PlanError("Emergency access lets you read a plan, not change it.")
        if plan is not None and plan.person_id != self.access.person.pk:
            raise PlanError("That plan is not part of this record.")


def writer_for(request, access: RecordAccess) -> Writer:
    return Writer(request.user, access, getattr(request, "request_id", ""))


def _audit(writer: Writer, action: str, object_type: str, object_id: object, version: object = "") -> None:
    audit.record(
        actor=writer.actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_version=version,
        person_id=writer.access.person.pk,
        purpose=writer.access.purpose,
    )


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# Templates -----------------------------------------------------------------------------------------------------------


def templates_for(organisation_id: int) -> list[PlanTemplate]:
    """The newest version of each template an organisation offers: its own copy where it has one."""
    newest: dict[str, PlanTemplate] = {}
    for template in PlanTemplate.objects.filter(organisation_id=organisation_id).order_by("key", "-version"):
        newest.setdefault(template.key, template)
    for template in PlanTemplate.objects.filter(organisation=None).order_by("key", "-version"):
        newest.setdefault(template.key, template)
    return sorted(newest.values(), key=lambda t: t.title)


def start_plan(writer: Writer, template: PlanTemplate, *, now: datetime | None = None) -> Plan:
    writer.check_may_write()
    person = writer.access.person
    if template.organisation_id not in (None, person.organisation_id):
        raise PlanError("That template belongs to another organisation.")
    now = now or timezone.now()
    with transaction.atomic():
        plan = Plan.objects.create(
            person=person, template=template, started_by=writer.user, started_at=now, updated_at=now
        )
        _audit(writer, Action.CREATE, "safety_plan", plan.pk, f"{template.key} v{template.version}")
    return plan


# Entries -------------------------------------------------------------------------------------------------------------


def clean_fields(kind: str, fields: dict[str, str]) -> dict[str, str]:
    """Keep only the fields of this kind, trimmed; refuse missing required ones and unknown choices."""
    shape = KINDS.get(kind) if kind != VIEW_KIND else KINDS["text"]
    if shape is None:
        raise PlanError(f"Unknown kind of entry: {kind}.")
    cleaned: dict[str, str] = {}
    for field in shape:
        value = str(fields.get(field.name, "") or "").strip()
        if field.required and not value:
            raise PlanError(f"Enter {field.label.lower()}.")
        if len(value) > field.max_length:
            raise PlanError(f"{field.label} must be {field.max_length} characters or fewer.")
        if value and field.choices and value not in dict(field.choices):
            raise PlanError(f"Choose one of the options for {field.label.lower()}.")
        if value:
            cleaned[field.name] = value
    return cleaned


def _check_voice(writer: Writer, voice: str, mode: str, supporter: SupportRelationship | None) -> None:
    if voice not in Voice.values or mode not in Mode.values:
        raise PlanError("Choose whose words these are.")
    if voice == Voice.SUPPORTER:
        if supporter is None or supporter.person_id != writer.access.person.pk:
            raise PlanError("Choose which supporter's words these are.")
        if mode != Mode.FOR:
            raise PlanError("A supporter's words are written down for them.")
    elif supporter is not None:
        raise PlanError("Only a supporter's words name a supporter.")
    if writer.is_person:
        if voice == Voice.CARE_TEAM:
            raise PlanError("You can add your own view beside the care team's, but not write as them.")
        if voice == Voice.PERSON and mode != Mode.OWN:
            raise PlanError("Your words are your own.")
    else:
        if voice == Voice.CARE_TEAM and mode != Mode.OWN:
            raise PlanError("The care team writes in its own words.")
        if voice == Voice.PERSON and mode not in (Mode.TOGETHER, Mode.FOR):
            raise PlanError("Say whether you wrote this together with the person, or wrote down their words for them.")


def _may_revise(writer: Writer, entry: Entry, mode: str) -> None:
    if entry.voice == Voice.CARE_TEAM and not writer.is_care_team:
        raise PlanError("This is the care team's view. Add your own view beside it instead.")
    if entry.voice == Voice.PERSON and writer.is_care_team and mode != Mode.TOGETHER:
        raise PlanError(
            "These are the person's words. Change them only together with them, or add the care team's view beside."
        )


def entry_kind(plan: Plan, entry: Entry) -> str:
    if entry.responds_to_id is not None:
        return VIEW_KIND
    found = item_definition(plan.template.definition, entry.section_key, entry.item_key)
    if found is None:
        raise PlanError("That part of the plan no longer exists in its template.")
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
    """Add a statement to the plan in a voice, or a differing view beside another entry."""
    writer.check_may_write(plan)
    _check_voice(writer, voice, mode, supporter)
    if responds_to is not None:
        if responds_to.plan_id != plan.pk or responds_to.responds_to_id is not None:
            raise PlanError("A differing view answers one entry in the same plan.")
        if responds_to.voice == voice and responds_to.supporter_id == (supporter.pk if supporter else None):
            raise PlanError("A differing view comes from someone other than the entry's author.")
        section_key, item_key, kind = responds_to.section_key, responds_to.item_key, VIEW_KIND
    else:
        found = item_definition(plan.template.definition, section_key, item_key)
        if found is None:
            raise PlanError("That question is not part of this plan.")
        kind = found[1]["kind"]
    cleaned = clean_fields(kind, fields)
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
        _audit(writer, Action.CREATE, "plan_entry", entry.pk, 1)
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
    writer.check_may_write(plan)
    _may_revise(writer, entry, mode)
    _check_voice(writer, entry.voice, mode, entry.supporter)
    # Taking an entry out of the plan keeps its last words, so history shows what was removed.
    cleaned = dict(latest_revision(entry).fields) if removed else clean_fields(entry_kind(plan, entry), fields)
    now = now or timezone.now()
    with transaction.atomic():
        moved = Entry.objects.filter(pk=entry.pk, revision=based_on).update(revision=based_on + 1)
        if moved != 1:
            raise StaleEdit(entry, latest_revision(entry))
        revision = _write_revision(writer, entry, based_on + 1, cleaned, mode, removed=removed, now=now)
        _bump_plan(plan, now)
        _audit(writer, Action.UPDATE, "plan_entry", entry.pk, based_on + 1)
    entry.revision = based_on + 1
    return revision


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
        written_by=writer.user,
        written_by_name=str(writer.user),
        written_by_role=writer.access.role,
        written_at=now,
    )


# Versions and agreement ----------------------------------------------------------------------------------------------


def put_forward(writer: Writer, plan: Plan, *, now: datetime | None = None) -> PlanVersion:
    """Freeze the plan as it stands into the next numbered version, for the person and a practitioner to sign."""
    writer.check_may_write(plan)
    now = now or timezone.now()
    with transaction.atomic():
        locked = Plan.objects.select_for_update().select_related("template", "person").get(pk=plan.pk)
        latest = PlanVersion.objects.filter(plan=locked).order_by("-number").first()
        if latest is not None and latest.plan_revision == locked.revision:
            raise PlanError(f"Version {latest.number} already holds the plan as it stands.")
        snapshot = build_snapshot(locked)
        if not any(item["entries"] for section in snapshot["sections"] for item in section["items"]):
            raise PlanError("Add something to the plan before putting it forward.")
        number = (PlanVersion.objects.filter(plan=locked).aggregate(n=Max("number"))["n"] or 0) + 1
        version = PlanVersion.objects.create(
            plan=locked,
            number=number,
            plan_revision=locked.revision,
            snapshot=snapshot,
            content_hash=content_hash(snapshot),
            put_forward_by=writer.user,
            put_forward_at=now,
        )
        _audit(writer, Action.CREATE, "plan_version", version.pk, number)
    return version


def sign_version(
    writer: Writer, version: PlanVersion, *, content_hash_seen: str, now: datetime | None = None
) -> Signature:
    """Sign exactly the version the signer saw. The second signature (person and practitioner) agrees it."""
    plan = version.plan
    writer.check_may_write(plan)
    role = Signature.Role.PERSON if writer.is_person else Signature.Role.PRACTITIONER
    now = now or timezone.now()
    with transaction.atomic():
        locked = Plan.objects.select_for_update().select_related("person__organisation").get(pk=plan.pk)
        version = PlanVersion.objects.get(pk=version.pk)
        if version.agreed_at is not None:
            raise PlanError(f"Version {version.number} is already agreed.")
        if content_hash_seen != version.content_hash:
            raise VersionChanged("This is not the version you were shown. Read it again before signing.")
        if locked.revision != version.plan_revision:
            raise VersionChanged(
                f"The plan has changed since version {version.number} was put forward, so it cannot be signed. "
                "Put forward a new version with the changes."
            )
        if version.signatures.filter(role=role).exists():
            who = "You have" if writer.is_person else "A practitioner has"
            raise PlanError(f"{who} already signed version {version.number}.")
        signature = Signature.objects.create(
            version=version,
            role=role,
            signer=writer.user,
            signer_name=str(writer.user),
            signed_at=now,
            content_hash=version.content_hash,
        )
        _audit(writer, Action.SIGN, "plan_version", version.pk, version.number)
        if version.signatures.count() == len(Signature.Role.values):
            interval = locked.person.organisation.review_interval_months
            review_due = add_months(timezone.localdate(now), interval)
            PlanVersion.objects.filter(pk=version.pk, agreed_at__isnull=True).update(
                agreed_at=now, review_due=review_due
            )
            _audit(writer, Action.AGREE, "plan_version", version.pk, version.number)
    return signature
