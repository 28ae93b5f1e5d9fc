"""Recording a crisis contact or leaving hospital, and the contact afterwards: the care team only, one transaction
each, audited with the change."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from safeplan.followup.models import WITHIN, CrisisEvent, FollowUp, RecordedInError
from safeplan.people.records import Action, RecordError, Writer, audit_change


class FollowUpError(RecordError):
    pass


def _care_team(writer: Writer) -> None:
    if not writer.is_care_team:
        raise FollowUpError("The care team records these.")
    writer.check(error=FollowUpError, what="record")


def record_event(
    writer: Writer, *, kind: str, happened_at: datetime, where: str = "", now: datetime | None = None
) -> CrisisEvent:
    _care_team(writer)
    now = now or timezone.now()
    if kind not in CrisisEvent.Kind.values:
        raise FollowUpError("Choose what happened.")
    if happened_at > now:
        raise FollowUpError("The date and time cannot be in the future.")
    with transaction.atomic():
        same = CrisisEvent.objects.filter(
            person=writer.access.person, kind=kind, happened_at=happened_at, in_error__isnull=True
        )
        if same.exists():
            raise FollowUpError("That is recorded already (the same thing at the same time).")
        event = CrisisEvent.objects.create(
            person=writer.access.person,
            kind=kind,
            happened_at=happened_at,
            where=where.strip(),
            follow_up_by=happened_at + timedelta(hours=WITHIN),
            **writer.authored(now),
        )
        audit_change(writer, Action.CREATE, "crisis_event", event.pk)
    return event


def record_in_error(writer: Writer, event: CrisisEvent, *, why: str, now: datetime | None = None) -> RecordedInError:
    """Mark an event recorded by mistake: kept, with why, but no longer flagged or counted."""
    _care_team(writer)
    writer.check(event.person_id, error=FollowUpError, what="record")
    if not why.strip():
        raise FollowUpError("Say why it was recorded in error.")
    with transaction.atomic():
        if RecordedInError.objects.filter(event=event).exists():
            raise FollowUpError("That is already marked as recorded in error.")
        made = RecordedInError.objects.create(event=event, why=why.strip(), **writer.authored(now))
        audit_change(writer, Action.UPDATE, "crisis_event", event.pk, "recorded in error")
    return made


def record_follow_up(
    writer: Writer,
    event: CrisisEvent,
    *,
    contacted_at: datetime,
    how: str,
    reached: bool,
    note: str = "",
    now: datetime | None = None,
) -> FollowUp:
    _care_team(writer)
    writer.check(event.person_id, error=FollowUpError, what="record")
    now = now or timezone.now()
    if contacted_at > now:
        raise FollowUpError("The date and time cannot be in the future.")
    if contacted_at < event.happened_at:
        raise FollowUpError("The contact must be after what it follows.")
    if how not in FollowUp.How.values:
        raise FollowUpError("Choose how you were in touch.")
    with transaction.atomic():
        made = FollowUp.objects.create(
            event=event, contacted_at=contacted_at, how=how, reached=reached, note=note.strip(), **writer.authored(now)
        )
        audit_change(writer, Action.CREATE, "follow_up", made.pk)
    return made
