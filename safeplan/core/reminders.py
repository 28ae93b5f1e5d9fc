"""Sending reminders once each: a claim in the ledger (`SentReminder`) in the same transaction as the hand-over, so a
send that fails leaves no claim (tried again at the next run) and one that succeeded is never repeated."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from safeplan.core.models import SentReminder
from safeplan.core.notify import DeliveryFailed, Reminder, channel, send


@dataclass(frozen=True)
class Due:
    kind: str
    key: str
    recipient_id: int
    address: str
    reminder: Reminder


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    already: int = 0

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.failed} not sent, {self.already} sent before"


def send_once(due: list[Due]) -> Outcome:
    """Each reminder to each recipient at most once, however often this runs."""
    outcome = Outcome()
    for item in due:
        if SentReminder.objects.filter(kind=item.kind, key=item.key, recipient_id=item.recipient_id).exists():
            outcome.already += 1
            continue
        try:
            with transaction.atomic():
                SentReminder.objects.create(
                    kind=item.kind,
                    key=item.key,
                    recipient_id=item.recipient_id,
                    sent_at=timezone.now(),
                    channel=channel(item.reminder.notify_template_id),
                )
                send([item.address], item.reminder)
        except IntegrityError:  # another worker claimed it first
            outcome.already += 1
        except DeliveryFailed:
            outcome.failed += 1
        else:
            outcome.sent += 1
    return outcome
