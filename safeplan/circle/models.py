"""Invitations into the person's circle. The link's token is never stored: only its SHA-256, so a copy of the
database cannot be used to accept an invitation."""

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone

from safeplan.core.immutability import Authored
from safeplan.people.models import Person, SupportRelationship, User

VALID_FOR = timedelta(days=7)


def new_token() -> tuple[str, str]:
    """(the token for the link, its hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Invitation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="invitations")
    kind = models.CharField(max_length=20, choices=SupportRelationship.Kind.choices)
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, blank=True)
    email = models.EmailField(max_length=254)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    invited_by_role = models.CharField(max_length=40)
    person_agreed_on = models.DateField(
        null=True, blank=True, help_text="When the person agreed, if someone in their care team sent it for them."
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation to {self.name} ({self.get_kind_display()})"

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.withdrawn_at:
            return "withdrawn"
        if self.expires_at <= timezone.now():
            return "expired"
        return "waiting"


class CarerNote(Authored):
    """A supporter's own needs as a carer, in their own words. Each save is a new row; the latest is current.
    The carer chooses whether the person may read it; their care team reads it (to offer a carer's assessment)."""

    support = models.ForeignKey(SupportRelationship, on_delete=models.PROTECT, related_name="+")
    needs = models.TextField(max_length=4000)
    person_may_see = models.BooleanField(default=False)

    class Meta:
        ordering = ["support", "written_at", "pk"]

    def __str__(self) -> str:
        return f"Carer's needs of {self.support_id} at {self.written_at:%Y-%m-%d}"


class CarersAssessmentOffer(Authored):
    """The date a carer's assessment was offered to a supporter, as the care team or the carer recorded it."""

    support = models.ForeignKey(SupportRelationship, on_delete=models.PROTECT, related_name="+")
    offered_on = models.DateField()

    class Meta:
        ordering = ["support", "offered_on", "pk"]

    def __str__(self) -> str:
        return f"Carer's assessment offered to {self.support_id} on {self.offered_on}"
