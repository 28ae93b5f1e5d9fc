"""The service's information library: items for the techniques in a plan, and one item on its own."""

from uuid import UUID

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.harm.models import InformationItem, Technique
from safeplan.harm.services import TECHNIQUE
from safeplan.harm.views.techniques import harm_plan
from safeplan.people.access import RecordAccess, organisation_for, staff_roles
from safeplan.people.models import User
from safeplan.people.requests import SignedInRequest
from safeplan.people.views.record_access import Shown, person_record_view, show
from safeplan.plans.queries import current_revisions


def _audiences(user: User) -> list[str]:
    if staff_roles(user):
        return [c for c, _ in InformationItem.Audience.choices]
    return [InformationItem.Audience.EVERYONE, InformationItem.Audience.PEOPLE]


@person_record_view("safety_plan")
def information_for_plan(request: HttpRequest, access: RecordAccess, plan_id: UUID) -> Shown:
    plan = harm_plan(access, plan_id)
    chosen = {
        int(r.fields["technique_id"])
        for r in current_revisions(plan, item_key=TECHNIQUE)
        if r.fields.get("technique_id", "").isdigit()
    }
    techniques = (
        Technique.objects.filter(organisation_id=access.person.organisation_id, pk__in=chosen)
        .prefetch_related("information")
        .order_by("position")
    )
    # record views get a plain HttpRequest (see RecordView); behind sign-in its user is a User, as in record_access
    audiences = _audiences(request.user)  # type: ignore[arg-type]
    context = {"person": access.person, "plan": plan, "techniques": techniques, "audiences": audiences}
    return show(request, "harm/information_for_plan.jinja", context, object_id=plan.pk, version="information")


def information_item(request: SignedInRequest, item_id: int) -> HttpResponse:
    """Guidance, not anyone's record: open to signed-in users of the organisation whose audience it is for."""
    organisation = organisation_for(request.user)
    item = InformationItem.objects.filter(
        pk=item_id, organisation=organisation, audience__in=_audiences(request.user)
    ).first()
    if organisation is None or item is None:
        raise Http404("No such information.")
    with transaction.atomic():
        audit.record(
            actor=audit.actor_for(request, "user"),
            action=AuditEvent.Action.READ,
            object_type="information_item",
            object_id=item.pk,
            purpose=AuditEvent.Purpose.NONE,
        )
    overdue = item.review_due < timezone.localdate()
    return render(request, "harm/information_item.jinja", {"item": item, "overdue": overdue})
