"""What the shell keeps: the ledger of reminders sent, so a daily job run twice (or again after a restart) tells
nobody twice. It knows no domain: a reminder is a kind ("review_due"), a key within it (a plan version's id) and a
recipient."""

from django.conf import settings
from django.db import models


class SentReminder(models.Model):
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()
    channel = models.CharField(max_length=20, default="email")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key", "recipient"], name="one_reminder_per_recipient")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} to {self.recipient_id}"
