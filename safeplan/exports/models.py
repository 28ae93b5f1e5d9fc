"""A copy of everything held about a person ("All my data"): asked for by the person, or produced by their care team
for a subject-access request. A background job builds it into a ZIP under settings.EXPORTS_DIR (never under static or
media: only the audited download serves it); it is kept for 7 days and then deleted."""

import uuid
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from safeplan.people.models import Person, User

KEPT_FOR = timedelta(days=7)
STALLED_AFTER = timedelta(minutes=30)  # a build takes seconds: one still waiting after this lost its worker

# Why a copy could not be made, as stored on it (English, like everything stored); the person's page reads it back
# in their language (exports.presenters). `what` is one of the parts a build makes, each marked N_ where it is named.
FAILURE = N_(
    "We could not make %(what)s, so no copy was made and nothing was sent anywhere. "
    "Ask for a new copy; if it fails again, tell the service's support team."
)
PART_OF_RECORD = N_("the %(name)s part of the record")


class Export(models.Model):
    class Kind(models.TextChoices):
        SELF = "self", "asked for by the person"
        SUBJECT_ACCESS = "subject access request", "subject access request"

    class Status(models.TextChoices):
        # Stored labels, English; the person's page shows them through `translated` (exports.presenters).
        QUEUED = "queued", N_("Waiting to start")
        BUILDING = "building", N_("Being made")
        READY = "ready", N_("Ready to download")
        FAILED = "failed", N_("Could not be made")
        EXPIRED = "expired", N_("Deleted after 7 days")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="exports")
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_by_name = models.CharField(max_length=200)
    requested_by_role = models.CharField(max_length=40)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    received_on = models.DateField(null=True, blank=True, help_text="When the subject-access request was received.")
    due_on = models.DateField(null=True, blank=True, help_text="One calendar month after it was received.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True, help_text="Plain words, never personal data.")
    attempts = models.PositiveSmallIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0, help_text="Bytes in the finished ZIP.")
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["person", "kind", "created_at"], name="export_person_kind"),
            models.Index(fields=["status", "expires_at"], name="export_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="self", received_on__isnull=True, due_on__isnull=True)
                | Q(kind="subject access request", received_on__isnull=False, due_on__isnull=False),
                name="export_sar_has_dates",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="export_progress_0_to_100"),
            models.CheckConstraint(
                condition=~Q(status="ready") | Q(ready_at__isnull=False, expires_at__isnull=False),
                name="export_ready_has_expiry",
            ),
        ]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.status})"

    @property
    def path(self) -> Path:
        """Where the finished ZIP lives: one file per export, named by its id alone (no personal data)."""
        return Path(settings.EXPORTS_DIR) / f"{self.pk}.zip"

    @property
    def partial_path(self) -> Path:
        """Where a build writes before the finished file replaces it in one step (so there are never two ZIPs)."""
        return Path(settings.EXPORTS_DIR) / f"{self.pk}.zip.partial"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.BUILDING)

    def is_stalled(self, now: datetime | None = None) -> bool:
        """Waiting or being made for far longer than a build takes: its worker stopped (it will be run again)."""
        since = self.started_at or self.created_at
        return self.in_progress and since is not None and since < (now or timezone.now()) - STALLED_AFTER

    def downloadable(self, now: datetime | None = None) -> bool:
        """Ready, not past its 7 days (even before the clean-up has run), and the file is there."""
        now = now or timezone.now()
        return (
            self.status == self.Status.READY
            and self.expires_at is not None
            and self.expires_at > now
            and self.path.is_file()
        )
