"""Versions: freezing the plan into a numbered snapshot, and signing it until both sides have agreed it."""

from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from safeplan.plans.extensions import for_template
from safeplan.plans.models import Plan, PlanVersion, Signature
from safeplan.plans.services.common import (
    Action,
    PlanError,
    VersionChanged,
    Writer,
    add_months,
    audit_change,
    check_plan,
)
from safeplan.plans.snapshots import build_snapshot, content_hash


def put_forward(writer: Writer, plan: Plan, *, now: datetime | None = None) -> PlanVersion:
    """Freeze the plan as it stands into the next numbered version, for the person and a practitioner to sign."""
    check_plan(writer, plan)
    now = now or timezone.now()
    with transaction.atomic():
        locked = Plan.objects.select_for_update().select_related("template", "person").get(pk=plan.pk)
        latest = PlanVersion.objects.filter(plan=locked).order_by("-number").first()
        if latest is not None and latest.plan_revision == locked.revision:
            raise PlanError(_("Version %(number)s already holds the plan as it stands.") % {"number": latest.number})
        snapshot = build_snapshot(locked)
        if not any(item["entries"] for section in snapshot["sections"] for item in section["items"]):
            raise PlanError(_("Add something to the plan before putting it forward."))
        number = (PlanVersion.objects.filter(plan=locked).aggregate(n=Max("number"))["n"] or 0) + 1
        version = PlanVersion.objects.create(
            plan=locked,
            number=number,
            plan_revision=locked.revision,
            snapshot=snapshot,
            content_hash=content_hash(snapshot),
            put_forward_by=writer.user,
            put_forward_at=now,
        )
        audit_change(writer, Action.CREATE, "plan_version", version.pk, number)
    return version


def sign_version(
    writer: Writer, version: PlanVersion, *, content_hash_seen: str, now: datetime | None = None
) -> Signature:
    """Sign exactly the version the signer saw. The second signature (person and practitioner) agrees it."""
    plan = version.plan
    check_plan(writer, plan)
    role = Signature.Role.PERSON if writer.is_person else Signature.Role.PRACTITIONER
    now = now or timezone.now()
    with transaction.atomic():
        locked = Plan.objects.select_for_update().select_related("person__organisation").get(pk=plan.pk)
        version = PlanVersion.objects.get(pk=version.pk)
        if version.agreed_at is not None:
            raise PlanError(_("Version %(number)s is already agreed.") % {"number": version.number})
        if content_hash_seen != version.content_hash:
            raise VersionChanged(_("This is not the version you were shown. Read it again before signing."))
        if locked.revision != version.plan_revision:
            raise VersionChanged(
                _(
                    "The plan has changed since version %(number)s was put forward, so it cannot be signed. "
                    "Put forward a new version with the changes."
                )
                % {"number": version.number}
            )
        extension = for_template(version.snapshot["template"]["key"])
        problems = extension.agreement_problems(locked) if extension.agreement_problems else []
        if problems:
            raise PlanError(_("Before this plan can be agreed: %(problems)s") % {"problems": " ".join(problems)})
        if version.signatures.filter(role=role).exists():
            if writer.is_person:
                raise PlanError(_("You have already signed version %(number)s.") % {"number": version.number})
            raise PlanError(_("A practitioner has already signed version %(number)s.") % {"number": version.number})
        signature = Signature.objects.create(
            version=version,
            role=role,
            signer=writer.user,
            signer_name=str(writer.user),
            signed_at=now,
            content_hash=version.content_hash,
        )
        audit_change(writer, Action.SIGN, "plan_version", version.pk, version.number)
        if version.signatures.count() == len(Signature.Role.values):
            interval = locked.person.organisation.review_interval_months
            review_due = add_months(timezone.localdate(now), interval)
            PlanVersion.objects.filter(pk=version.pk, agreed_at__isnull=True).update(
                agreed_at=now, review_due=review_due
            )
            audit_change(writer, Action.AGREE, "plan_version", version.pk, version.number)
    return signature
