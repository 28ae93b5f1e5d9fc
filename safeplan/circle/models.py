"""Invitations into the person's circle. The link's token is never stored: only its SHA-256, so a copy of the
database cannot be used to accept an invitation."""

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone

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
