"""The person chooses what each supporter or advocate sees: sections of each plan, until a date if they like,
revocable at once. One transaction each, audited; a revoked share stays as history."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from safeplan.people.models import SupportRelationship
from safeplan.people.records import Action, RecordError, Writer, audit_change
from safeplan.people.shares import Share, current_shares
from safeplan.plans.models import Plan
from safeplan.plans.queries import SHARED_AS


class SharingError(RecordError):
    """A sharing choice that cannot be made; the message is safe to show the person."""


def supporters_of(writer: Writer) -> list[SupportRelationship]:
    """The supporters and advocates the person has now (not those whose relationship has ended)."""
    today = timezone.localdate()
    chosen = SupportRelationship.objects.filter(person=writer.access.person, started_on__lte=today)
    return list(chosen.exclude(ended_on__lt=today).select_related("user").order_by("user__display_name", "pk"))


def set_plan_sharing(
    writer: Writer,
    support: SupportRelationship,
    plan: Plan,
    *,
    sections: set[str],
    ends_on: date | None = None,
    now: datetime | None = None,
) -> list[Share]:
    """Share exactly these sections of one plan with one supporter, until `ends_on` (inclusive) if given.
    Sections no longer chosen stop being shared at once; a changed end date starts the share again with it."""
    if not writer.is_person:
        raise SharingError("Only you can choose what the people you chose can see.")
    writer.check(plan.person_id, error=SharingError, what="plan")
    if support.person_id != writer.person_id:
        raise SharingError("Choose one of your supporters.")
    if support.ended_on is not None and support.ended_on < timezone.localdate():
        raise SharingError("You no longer have this supporter.")
    known = {section["key"] for section in plan.template.sections}
    if not sections <= known:
        raise SharingError("Choose sections of this plan.")
    if ends_on is not None and ends_on < timezone.localdate():
        raise SharingError("The last day to share it cannot be in the past.")
    moment = now or timezone.now()
    with transaction.atomic():
        current = {s.part: s for s in current_shares(support).filter(object_type=SHARED_AS, object_id=str(plan.pk))}
        for part, share in current.items():
            if part not in sections or share.ends_on != ends_on:
                Share.objects.filter(pk=share.pk).update(revoked_at=moment, revoked_by=writer.user)
                audit_change(writer, Action.UPDATE, "share", share.pk, f"stopped {part}")
        kept = {part for part, share in current.items() if part in sections and share.ends_on == ends_on}
        created = []
        for part in sorted(sections - kept):
            share = Share.objects.create(
                support=support,
                object_type=SHARED_AS,
                object_id=str(plan.pk),
                part=part,
                ends_on=ends_on,
                shared_at=moment,
                shared_by=writer.user,
            )
            audit_change(writer, Action.CREATE, "share", share.pk, f"shared {part}")
            created.append(share)
    return created


def stop_sharing_everything(writer: Writer, support: SupportRelationship, *, now: datetime | None = None) -> int:
    """Stop sharing anything with this supporter, at once. Returns how many shares stopped."""
    if not writer.is_person or support.person_id != writer.person_id:
        raise SharingError("Only you can choose what the people you chose can see.")
    moment = now or timezone.now()
    with transaction.atomic():
        current = list(current_shares(support))
        for share in current:
            Share.objects.filter(pk=share.pk).update(revoked_at=moment, revoked_by=writer.user)
            audit_change(writer, Action.UPDATE, "share", share.pk, "stopped everything")
    return len(current)
