"""Which templates an organisation offers, and starting a plan from one."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safeplan.plans.models import Plan, PlanTemplate
from safeplan.plans.services.common import Action, PlanError, Writer, audit_change, check_plan


def templates_for(organisation_id: int) -> list[PlanTemplate]:
    """The newest version of each template an organisation offers: its own copy where it has one."""
    newest: dict[str, PlanTemplate] = {}
    for template in PlanTemplate.objects.filter(organisation_id=organisation_id).order_by("key", "-version"):
        newest.setdefault(template.key, template)
    for template in PlanTemplate.objects.filter(organisation=None).order_by("key", "-version"):
        newest.setdefault(template.key, template)
    return sorted(newest.values(), key=lambda t: t.title)


def start_plan(writer: Writer, template: PlanTemplate, *, purpose: str = "", now: datetime | None = None) -> Plan:
    """Start a plan from a template; `purpose` names what it is for when the person has another of its kind."""
    check_plan(writer)
    person = writer.access.person
    if template.organisation_id not in (None, person.organisation_id):
        raise PlanError(_("That template belongs to another organisation."))
    purpose = purpose.strip()
    if len(purpose) > 80:
        raise PlanError(_("Give it a shorter name: 80 characters or fewer."))
    if purpose and Plan.objects.filter(person=person, template__key=template.key, purpose__iexact=purpose).exists():
        raise PlanError(f"There is already a “{template.title}” for {purpose}. Open that one, or choose another name.")
    now = now or timezone.now()
    with transaction.atomic():
        plan = Plan.objects.create(
            person=person, template=template, purpose=purpose, started_by=writer.user, started_at=now, updated_at=now
        )
        audit_change(writer, Action.CREATE, "safety_plan", plan.pk, f"{template.key} v{template.version}")
    return plan
