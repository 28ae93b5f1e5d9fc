"""Asking for a copy of all the data held about a person: by the person themselves, or by their care team for a
subject-access request (with the day it was received and the day it is due: one calendar month later). One
transaction each, audited (CREATE of an "export"); the build is queued in the same transaction, so an export is
never asked for without its job (the database backend stores the job in the same database)."""

from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from safeplan.core.dates import add_months
from safeplan.exports.models import STALLED_AFTER, Export
from safeplan.exports.tasks import build_export
from safeplan.people.records import Action, RecordError, Writer, audit_change


class ExportError(RecordError):
    pass


def due_on(received: date) -> date:
    """A subject-access request is answered within one calendar month of the day it was received: the same day
    next month, or the last day of next month when it is shorter (received 31 January, due 28 or 29 February)."""
    return add_months(received, 1)


def request_export(
    writer: Writer, *, received_on: date | None = None, now: datetime | None = None, queue: bool = True
) -> Export:
    """The person asks for their own copy; their care team produces one for a subject-access request. With
    `queue=False` the caller builds it itself (the demo seeder)."""
    writer.check(error=ExportError, what="record")
    now = now or timezone.now()
    if writer.is_person:
        kind, received_on, due = Export.Kind.SELF, None, None
    elif writer.is_care_team:
        if received_on is None:
            raise ExportError("Enter the day the subject access request was received.")
        if received_on > timezone.localdate(now):
            raise ExportError("The day the request was received cannot be in the future.")
        kind, due = Export.Kind.SUBJECT_ACCESS, due_on(received_on)
    else:
        raise ExportError("Only the person or their care team can ask for a copy of the record.")
    with transaction.atomic():
        if kind == Export.Kind.SELF:
            waiting = Export.objects.filter(
                person_id=writer.person_id, kind=kind, status__in=[Export.Status.QUEUED, Export.Status.BUILDING]
            ).first()
            if waiting is not None and not waiting.is_stalled(now):
                return waiting  # one copy being made at a time is enough
        export = Export.objects.create(
            person_id=writer.person_id,
            requested_by=writer.user,
            requested_by_name=str(writer.user),
            requested_by_role=writer.access.role,
            kind=kind,
            received_on=received_on,
            due_on=due,
            created_at=now,
        )
        audit_change(writer, Action.CREATE, "export", export.pk, kind)
        if queue:
            build_export.enqueue(str(export.pk))
    export.refresh_from_db()
    return export


MAX_ATTEMPTS = 3


def retry_stalled(now: datetime | None = None) -> int:
    """Queue again every build whose worker stopped part-way (a restart, a crash): the build starts from scratch
    and leaves one file. After MAX_ATTEMPTS tries it is marked failed instead, in plain words. Returns how many
    were queued again."""
    now = now or timezone.now()
    cut = now - STALLED_AFTER
    waiting = Q(status=Export.Status.QUEUED) | Q(status=Export.Status.BUILDING)
    stalled = Export.objects.filter(waiting).filter(Q(started_at__lt=cut) | Q(started_at=None, created_at__lt=cut))
    queued = 0
    for export in stalled:
        if export.attempts >= MAX_ATTEMPTS:
            Export.objects.filter(pk=export.pk).update(
                status=Export.Status.FAILED,
                error="We could not finish making the copy after several tries, so no copy was made and nothing was "
                "sent anywhere. Ask for a new copy; if it fails again, tell the service's support team.",
            )
            continue
        with transaction.atomic():
            Export.objects.filter(pk=export.pk).update(status=Export.Status.QUEUED, started_at=now)
            build_export.enqueue(str(export.pk))
        queued += 1
    return queued
