"""Inviting someone into the person's circle: by the person, or by their care team recording that the person agreed.
A single-use link that expires; accepting it creates or links an account. Nothing is shared until the person
chooses (circle.services)."""

from datetime import date, datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.circle.models import VALID_FOR, Invitation, new_token, token_hash
from safeplan.circle.services import SharingError
from safeplan.people.models import SupportRelationship, User
from safeplan.people.records import Action, Writer, audit_change
from safeplan.plans.queries import do_not_contact_names


class OnDoNotContactList(SharingError):
    """The name matches someone on the person's do-not-contact list; inviting needs a confirmation."""


class InvitationUnusable(SharingError):
    """The link cannot be used: unknown, used, withdrawn or expired. The message says which, plainly."""


def matches_do_not_contact(writer: Writer, name: str) -> list[str]:
    wanted = name.strip().lower()
    return [n for n in do_not_contact_names(writer.access.person) if n.strip().lower() in wanted or wanted in n.lower()]


def invite(
    writer: Writer,
    *,
    kind: str,
    name: str,
    email: str,
    relationship: str = "",
    person_agreed_on: date | None = None,
    confirmed_despite_do_not_contact: bool = False,
    link_base: str = "",
    now: datetime | None = None,
) -> tuple[Invitation, str]:
    """Create the invitation and e-mail its link. Returns the invitation and the link (shown once to the sender)."""
    writer.check(error=SharingError, what="record")
    if kind not in SupportRelationship.Kind.values:
        raise SharingError(_("Choose whether they are a supporter or an advocate."))
    name, email = name.strip(), email.strip()
    if not name or not email:
        raise SharingError(_("Enter their name and e-mail address."))
    if writer.is_care_team:
        if person_agreed_on is None:
            raise SharingError("Record when the person agreed to invite them.")
        if person_agreed_on > timezone.localdate():
            raise SharingError("The day the person agreed cannot be in the future.")
    matches = matches_do_not_contact(writer, name)
    if matches and not confirmed_despite_do_not_contact:
        raise OnDoNotContactList(
            _(
                "“%(name)s” is on the do-not-contact list in a plan. Check this is someone else, or that the plan "
                "has changed, and confirm before inviting them."
            )
            % {"name": matches[0]}
        )
    moment = now or timezone.now()
    token, digest = new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            person=writer.access.person,
            kind=kind,
            name=name,
            relationship=relationship.strip(),
            email=email,
            token_hash=digest,
            invited_by=writer.user,
            invited_by_role=writer.access.role,
            person_agreed_on=person_agreed_on if writer.is_care_team else None,
            created_at=moment,
            expires_at=moment + VALID_FOR,
        )
        audit_change(writer, Action.CREATE, "invitation", invitation.pk, kind)
    link = link_base.rstrip("/") + reverse("circle_invitation", kwargs={"token": token})
    who, role = writer.access.person.name_to_use, invitation.get_kind_display().lower()
    send_mail(
        subject=f"{who} has asked you to be their {role}",
        message=(
            f"Hello {name},\n\n{who} has chosen you as their {role} in safeplan, where "
            f"they write their safety plans with their care team. Open this link to accept (it works once, for 7 "
            f"days):\n\n{link}\n\nYou will see only what {who} chooses to share with you.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )
    return invitation, link


def withdraw(writer: Writer, invitation: Invitation, *, now: datetime | None = None) -> None:
    writer.check(invitation.person_id, error=SharingError, what="invitation")
    if invitation.state != "waiting":
        raise SharingError(_("That invitation can no longer be withdrawn."))
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(withdrawn_at=now or timezone.now())
        audit_change(writer, Action.UPDATE, "invitation", invitation.pk, "withdrawn")


UNUSABLE = {
    "accepted": "This invitation has already been used. If it was you, sign in to see what has been shared with you.",
    "withdrawn": "This invitation was withdrawn. Ask the person who sent it if you think it should still stand.",
    "expired": "This invitation has expired. Ask the person who sent it for a new one.",
}


def find(token: str) -> Invitation:
    """The invitation behind a link, usable or not; InvitationUnusable when no invitation has this token."""
    invitation = Invitation.objects.filter(token_hash=token_hash(token)).select_related("person").first()
    if invitation is None:
        raise InvitationUnusable("This link is not a safeplan invitation. Check it was copied whole.")
    return invitation


def accept(token: str, user: User, *, request_id: str = "", now: datetime | None = None) -> SupportRelationship:
    """Link this account to the person as their supporter or advocate. Single use, checked under a row lock."""
    with transaction.atomic():
        found = find(token)
        invitation = Invitation.objects.select_for_update().select_related("person").get(pk=found.pk)
        if invitation.state != "waiting":
            raise InvitationUnusable(UNUSABLE[invitation.state])
        if invitation.person.user_id == user.pk:
            raise SharingError("This invitation is for someone the person chose, not for the person themselves.")
        support, _created = SupportRelationship.objects.get_or_create(
            user=user,
            person=invitation.person,
            kind=invitation.kind,
            defaults={"relationship": invitation.relationship},
        )
        if support.ended_on is not None:
            SupportRelationship.objects.filter(pk=support.pk).update(ended_on=None, started_on=timezone.localdate())
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=now or timezone.now(), accepted_by=user)
        audit.record(
            actor=audit.Actor(user.pk, str(user), invitation.get_kind_display().lower(), request_id),
            action=AuditEvent.Action.CREATE,
            object_type="support",
            object_id=support.pk,
            object_version="accepted invitation",
            person_id=invitation.person_id,
            purpose=AuditEvent.Purpose.SHARED,
        )
    return support
