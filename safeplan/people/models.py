"""People, organisations, teams and the care relationships that grant access to a person's record."""

import secrets
import uuid
from datetime import date, datetime
from typing import Self

import nhs_number
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac


def _new_epoch() -> str:
    return secrets.token_hex(16)


class User(AbstractUser):
    """A login. What it may see comes from its staff roles, its own person record or the people who chose it."""

    display_name = models.CharField(max_length=200, blank=True)
    # Part of every session's auth hash: changing it ends every session of this user at once, in every process.
    session_epoch = models.CharField(max_length=32, default=_new_epoch, editable=False)
    # The language they chose for safeplan's words (core.middleware.LanguageMiddleware): blank for the default.
    language = models.CharField(max_length=8, blank=True, choices=settings.LANGUAGES)

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        key_salt = "safeplan.people.User.get_session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.password}:{self.session_epoch}", secret=secret, algorithm="sha256"
        ).hexdigest()

    def end_all_sessions(self) -> None:
        self.session_epoch = _new_epoch()
        User.objects.filter(pk=self.pk).update(session_epoch=self.session_epoch)


def validate_nhs_number(value: str) -> None:
    if not (value.isdigit() and len(value) == 10):
        raise ValidationError("Enter an NHS number with 10 digits, like 999 123 4567.")
    if not nhs_number.is_valid(value):
        raise ValidationError("Enter a real NHS number: this one's check digit is wrong.")


def normalise_nhs_number(value: str) -> str:
    return "".join(ch for ch in value if ch not in " -")


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    is_nhs_body = models.BooleanField(
        default=False, help_text="Show the NHS logo in the header. Only for organisations that are NHS bodies."
    )
    review_interval_months = models.PositiveSmallIntegerField(default=6)
    history_review_years = models.PositiveSmallIntegerField(
        default=2, help_text="Entries older than this, never looked at again, are listed to go through with the person."
    )

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_org")]

    def __str__(self) -> str:
        return self.name


class StaffRole(models.Model):
    class Role(models.TextChoices):
        PRACTITIONER = "practitioner", "Practitioner"
        TEAM_LEAD = "team_lead", "Team lead"
        OVERSIGHT = "oversight", "Oversight"
        ADMINISTRATOR = "administrator", "Administrator"

    TEAM_ROLES = (Role.PRACTITIONER, Role.TEAM_LEAD)

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="staff_roles")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="staff_roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    job_title = models.CharField(max_length=120, blank=True, help_text="For example, community psychiatric nurse.")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["practitioner", "team_lead"], team__isnull=False)
                | Q(role__in=["oversight", "administrator"], team__isnull=True),
                name="team_roles_need_a_team",
            ),
            models.UniqueConstraint(fields=["user", "team", "role"], name="staff_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}" + (f", {self.team}" if self.team_id else "")

    def clean(self) -> None:
        if self.role in self.TEAM_ROLES and not self.team_id:
            raise ValidationError({"team": "A practitioner or team lead belongs to a team."})
        if self.role not in self.TEAM_ROLES and self.team_id:
            raise ValidationError({"team": "Oversight and administrator roles are for the whole organisation."})
        if self.team is not None and self.team.organisation_id != self.organisation_id:
            raise ValidationError({"team": "The team must belong to the same organisation."})


class Person(models.Model):
    """A person who uses the service: the subject of the record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    user = models.OneToOneField(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person_record",
        help_text="The person's own login, if they have one.",
    )
    full_name = models.CharField(max_length=200)
    preferred_name = models.CharField(max_length=100, blank=True, help_text="What they like to be called.")
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField()
    nhs_number = models.CharField(
        "NHS number",
        max_length=10,
        blank=True,
        validators=[validate_nhs_number],
        help_text="Optional. 10 digits.",
    )
    communication_needs = models.TextField(blank=True, max_length=2000)
    preferred_language = models.CharField(max_length=60, blank=True, default="English")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nhs_number"], condition=~Q(nhs_number=""), name="nhs_number_unique"),
        ]
        indexes = [models.Index(fields=["full_name"], name="person_full_name")]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name

    @property
    def name_to_use(self) -> str:
        return self.preferred_name or self.full_name

    def clean(self) -> None:
        if self.date_of_birth and self.date_of_birth > date.today():
            raise ValidationError({"date_of_birth": "Date of birth must be in the past."})


class CareRelationshipQuerySet(models.QuerySet):
    def active(self, at: datetime | None = None) -> Self:
        at = at or timezone.now()
        today = timezone.localdate(at)
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today), started_on__lte=today)


class CareRelationship(models.Model):
    """A team caring for a person: the legitimate relationship that lets the team's practitioners see the record."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="care_relationships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="care_relationships")
    started_on = models.DateField(default=date.today)
    ended_on = models.DateField(null=True, blank=True)

    objects = CareRelationshipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="care_ends_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["team", "person"], name="care_team_person")]

    def __str__(self) -> str:
        return f"{self.team} cares for {self.person}"

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The end date must be on or after the start date."})
        if self.team_id and self.person_id and self.team.organisation_id != self.person.organisation_id:
            raise ValidationError({"team": "The team must belong to the person's organisation."})


class SupportRelationship(models.Model):
    """Someone the person chose: a supporter (family, friend, carer, peer) or an independent advocate.
    What each may see is decided by the person (sharing arrives with the open-records work)."""

    class Kind(models.TextChoices):
        SUPPORTER = "supporter", "Supporter"
        ADVOCATE = "advocate", "Advocate"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="supporting")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="supporters")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    relationship = models.CharField(max_length=100, blank=True, help_text="For example, sister or friend.")
    started_on = models.DateField(default=date.today)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "person", "kind"], name="support_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()}) for {self.person}"


class BreakGlassGrant(models.Model):
    """Time-limited emergency access to a record by a practitioner with no care relationship."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="break_glass_grants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="break_glass_grants")
    reason = models.TextField(max_length=1000)
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="break_glass_reviews"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True, max_length=1000)

    class Meta:
        indexes = [models.Index(fields=["user", "person", "expires_at"], name="break_glass_lookup")]
        verbose_name = "emergency access grant"

    def __str__(self) -> str:
        return f"Emergency access by {self.user} from {self.started_at:%Y-%m-%d %H:%M}"

    def is_open(self, at: datetime | None = None) -> bool:
        at = at or timezone.now()
        return self.ended_at is None and self.expires_at > at

    @property
    def closed_at(self) -> datetime:
        return self.ended_at or self.expires_at


class RecoveryCode(models.Model):
    """A single-use code that stands in for the authenticator app (ADR 0007). Only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=256)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "used_at"], name="recovery_code_unused")]

    def __str__(self) -> str:
        return f"Recovery code of {self.user}" + (" (used)" if self.used_at else "")


class SecondFactorAttempts(models.Model):
    """Wrong second-factor codes in a row, for the lock after SAFEPLAN_LOGIN_FAILURE_LIMIT of them (ADR 0007).

    One row per user, also the row that serialises their attempts (SELECT … FOR UPDATE)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, primary_key=True, related_name="second_factor_attempts")
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "second factor attempts"

    def __str__(self) -> str:
        return f"{self.failures} wrong second-factor code(s) by {self.user}"


from safeplan.people.shares import Share  # noqa: E402, F401 - defined beside the relationship it grants through
from safeplan.people.withholding import Withholding  # noqa: E402, F401 - a decision about the record, like a share
from safeplan.people.wording import LanguageHintCount, LanguagePhrase  # noqa: E402, F401 - the language guide
