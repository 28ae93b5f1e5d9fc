"""Changes to people's records and access to them. Each runs in one transaction with its audit row."""

from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.people.access import caseload_for, is_clinician
from safeplan.people.models import BreakGlassGrant, Person, StaffRole, User

Action = AuditEvent.Action
Purpose = AuditEvent.Purpose
SYSTEM = audit.Actor(user_id=None, name="safeplan", role="system")


class AccessError(Exception):
    """An action this user may not take. The message is safe to show them."""


def start_break_glass(*, actor: audit.Actor, user: User, nhs_number: str, reason: str) -> BreakGlassGrant:
    """Open emergency access to a record outside the user's caseload, for a limited time, with a reason.

    Only practitioners and team leads may, only within their own organisation, and never for their own record.
    """
    if not is_clinician(user):
        raise AccessError("Only practitioners can use emergency access.")
    reason = reason.strip()
    if not reason:
        raise AccessError("Give the reason you need emergency access.")
    org_ids = StaffRole.objects.filter(user=user).values("organisation_id")
    with transaction.atomic():
        person = Person.objects.filter(nhs_number=nhs_number, organisation_id__in=org_ids).first()
        if person is None or person.user_id == user.pk:
            # The refusal is recorded and committed; the error is raised once the transaction has closed.
            audit.record(
                actor=actor,
                action=Action.DENIED,
                object_type="break_glass",
                purpose=Purpose.NONE,
                reason="no record with that NHS number in the user's organisation",
            )
            grant = None
        elif caseload_for(user).filter(pk=person.pk).exists():
            raise AccessError("This person is on your caseload already: open their record from your caseload.")
        else:
            grant = _open_grant(actor, user, person, reason)
    if grant is None:
        raise AccessError("There is no record with that NHS number in your organisation.")
    return grant


def _open_grant(actor: audit.Actor, user: User, person: Person, reason: str) -> BreakGlassGrant:
    now = timezone.now()
    grant = BreakGlassGrant.objects.create(
        user=user, person=person, reason=reason, started_at=now, expires_at=now + settings.BREAK_GLASS_DURATION
    )
    _audit_grant(actor, Action.BREAK_GLASS_START, grant, Purpose.BREAK_GLASS, reason)
    return grant


def _audit_grant(actor: audit.Actor, action: str, grant: BreakGlassGrant, purpose: str, reason: str) -> None:
    audit.record(
        actor=actor,
        action=action,
        object_type="break_glass",
        object_id=grant.pk,
        person_id=grant.person_id,
        purpose=purpose,
        reason=reason,
    )


def end_break_glass(*, actor: audit.Actor, user: User, grant_id: UUID) -> BreakGlassGrant:
    with transaction.atomic():
        grant = BreakGlassGrant.objects.select_for_update().filter(pk=grant_id, user=user).first()
        if grant is None:
            raise AccessError("That emergency access was not found.")
        if grant.ended_at is None:
            _close_grant(grant, min(timezone.now(), grant.expires_at), actor, "ended by the practitioner")
    return grant


def _close_grant(grant: BreakGlassGrant, ended_at: datetime, actor: audit.Actor, reason: str) -> None:
    grant.ended_at = ended_at
    grant.save(update_fields=["ended_at"])
    _audit_grant(actor, Action.BREAK_GLASS_END, grant, Purpose.BREAK_GLASS, reason)


def close_expired_break_glass() -> int:
    """Record the end of every emergency access whose time ran out. Safe to run from any process, any time."""
    closed = 0
    now = timezone.now()
    with transaction.atomic():
        expired = BreakGlassGrant.objects.select_for_update().filter(ended_at__isnull=True, expires_at__lte=now)
        for grant in expired:
            _close_grant(grant, grant.expires_at, SYSTEM, "time limit reached")
            closed += 1
    return closed


def grants_to_review(lead: User) -> QuerySet[BreakGlassGrant]:
    """Emergency access by members of the teams this user leads, newest first."""
    led = StaffRole.objects.filter(user=lead, role=StaffRole.Role.TEAM_LEAD).values("team_id")
    members = StaffRole.objects.filter(team_id__in=led).values("user_id")
    return BreakGlassGrant.objects.filter(user_id__in=members).select_related("user", "person", "reviewed_by")


def review_break_glass(*, actor: audit.Actor, lead: User, grant_id: UUID, note: str) -> BreakGlassGrant:
    with transaction.atomic():
        grant = grants_to_review(lead).select_for_update(of=("self",)).filter(pk=grant_id).first()
        if grant is None:
            raise AccessError("That emergency access was not found.")
        if grant.user_id == lead.pk:
            raise AccessError("Someone else must review your own emergency access.")
        grant.reviewed_by = lead
        grant.reviewed_at = timezone.now()
        grant.review_note = note.strip()
        grant.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
        _audit_grant(actor, Action.REVIEW, grant, Purpose.GOVERNANCE, grant.review_note)
    return grant


def disable_account(*, actor: audit.Actor, user: User) -> None:
    """Stop a login working and end every one of its sessions at once."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        user.end_all_sessions()
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            object_type="user",
            object_id=user.pk,
            purpose=Purpose.ADMINISTRATION,
            reason="account disabled",
        )
