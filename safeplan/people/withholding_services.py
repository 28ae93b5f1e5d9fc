"""Withholding something from the person (the serious-harm test), reviewing that decision, and releasing it.

Only the person's care team decides: not the person, not a supporter, not emergency access (which reads and never
writes). Each change runs in one transaction with its audit row. The capability that owns the thing finds it in the
record (`people.capabilities.withholdable`), so nothing outside this person's record is ever withheld through it,
and says when a thing cannot be withheld (the person's own words, say). See docs/adr/0010-withheld-items.md.
"""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from safeplan.people.capabilities import withholdable
from safeplan.people.records import Action, RecordError, Writer, audit_change
from safeplan.people.withholding import Withholding

MIN_REASON = 30  # characters: a reason, not a word
MAX_REASON = 2000
MAX_NOTE = 1000
MAX_MONTHS = 6  # a review date at most this far ahead: withholding is looked at again, not forgotten
SERIOUS_HARM_TEST = (
    "Withhold something only if showing it to them would be likely to cause serious harm to their physical or "
    "mental health, or to someone else's. Being upsetting, or awkward for the team, is not enough."
)


class WithholdingError(RecordError):
    """A withholding this user may not decide, or that does not make sense."""


def latest_review_date(today: date) -> date:
    """The last review date allowed: MAX_MONTHS calendar months from today (the month's last day if shorter)."""
    month_index = today.month - 1 + MAX_MONTHS
    year, month = today.year + month_index // 12, month_index % 12 + 1
    for day in range(today.day, 0, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a first day")


def check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise WithholdingError(
            f"Explain in plain words, in at least {MIN_REASON} characters, why showing it would be likely to cause "
            "serious harm."
        )
    if len(reason) > MAX_REASON:
        raise WithholdingError(f"The reason must be {MAX_REASON} characters or fewer.")
    return reason


def check_review(review_on: date | None, today: date) -> date:
    if review_on is None:
        raise WithholdingError("Enter when the decision will be looked at again.")
    if review_on < today:
        raise WithholdingError("The review date cannot be in the past.")
    if review_on > latest_review_date(today):
        raise WithholdingError(
            f"Look at it again within {MAX_MONTHS} months: choose a review date no later than "
            f"{latest_review_date(today):%-d %B %Y}."
        )
    return review_on


def _check_care_team(writer: Writer) -> None:
    writer.check(error=WithholdingError, what="record")
    if not writer.is_care_team:
        raise WithholdingError("Only the person's care team can decide to withhold something from them.")


def withhold(
    writer: Writer,
    object_type: str,
    object_id: object,
    *,
    reason: str,
    review_on: date | None,
    now: datetime | None = None,
) -> Withholding:
    """Withhold one thing from the person, with the reason and a review date; if it is withheld already, this is
    the review of that decision (kept withheld, with the new reason and date; the earlier decision stays on record)."""
    _check_care_team(writer)
    now = now or timezone.now()
    kind = withholdable(object_type)
    thing = kind.find(writer.access, str(object_id)) if kind is not None else None
    if thing is None:
        raise WithholdingError("That is not part of this record.")
    if thing.refusal:
        raise WithholdingError(thing.refusal)
    reason = check_reason(reason)
    review_on = check_review(review_on, timezone.localdate(now))
    person = writer.access.person
    with transaction.atomic():
        earlier = (
            Withholding.objects.current()
            .select_for_update()
            .filter(person=person, object_type=object_type, object_id=str(object_id))
            .first()
        )
        if earlier is not None:
            _release(writer, earlier, "Reviewed: still withheld, with a new reason and review date.", now)
        try:
            with transaction.atomic():
                row = Withholding.objects.create(
                    person=person,
                    object_type=object_type,
                    object_id=str(object_id),
                    container_id=thing.container_id,
                    part=thing.part,
                    reason=reason,
                    decided_by=writer.user,
                    decided_by_name=str(writer.user),
                    decided_by_role=writer.access.role,
                    decided_at=now,
                    review_on=review_on,
                )
        except IntegrityError:
            raise WithholdingError("Someone else has just decided about this. Look at it again.") from None
        audit_change(writer, Action.UPDATE if earlier else Action.CREATE, "withholding", row.pk, object_type)
    return row


def _release(writer: Writer, row: Withholding, note: str, now: datetime) -> None:
    changed = Withholding.objects.filter(pk=row.pk, released_at__isnull=True).update(
        released_at=now, released_by=writer.user, released_by_name=str(writer.user), release_note=note
    )
    if not changed:
        raise WithholdingError("This has already been released.")


def release(writer: Writer, row: Withholding, *, note: str = "", now: datetime | None = None) -> Withholding:
    """Show the thing to the person again, with an optional note. The row stays, with who released it and when."""
    _check_care_team(writer)
    if row.person_id != writer.person_id:
        raise WithholdingError("That is not part of this record.")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise WithholdingError(f"The note must be {MAX_NOTE} characters or fewer.")
    with transaction.atomic():
        _release(writer, row, note, now or timezone.now())
        audit_change(writer, Action.UPDATE, "withholding", row.pk, "released")
    row.refresh_from_db()
    return row
