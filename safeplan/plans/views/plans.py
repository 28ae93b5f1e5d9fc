"""A person's plans: the list, starting one, and the plan as it stands (the living draft)."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from safeplan.core.forms import posted
from safeplan.people.access import RecordAccess
from safeplan.people.requests import SignedInRequest
from safeplan.people.views.record_access import FORM, Shown, person_record_view, show
from safeplan.plans import services
from safeplan.plans.extensions import TemplateExtension, for_template
from safeplan.plans.forms import StartPlanForm
from safeplan.plans.historical import fold, historical
from safeplan.plans.models import Plan
from safeplan.plans.presenters import entry_view, plan_status
from safeplan.plans.quality import checklist
from safeplan.plans.queries import only_shared, plan_and_the_others, plans_with_status, shared_sections
from safeplan.plans.snapshots import build_snapshot
from safeplan.plans.withheld import as_seen_by, withheld_entries


def your_plans(request: SignedInRequest) -> HttpResponse:
    """The person's own way in: one tap from the home page."""
    person = getattr(request.user, "person_record", None)
    if person is None:
        raise Http404("No record.")
    return redirect("plan_list", person_id=person.pk)


@person_record_view("safety_plans", methods=FORM, supporters=True)
def plan_list(request: HttpRequest, access: RecordAccess) -> Shown | HttpResponseBase:
    templates = services.templates_for(access.person.organisation_id)
    plans = plans_with_status(access.person, access)
    existing: dict[str, Plan] = {}
    for plan, _status in reversed(plans):  # oldest first: the first plan of each kind
        existing.setdefault(plan.template.key, plan)
    name = None if access.is_person else access.person.name_to_use
    form = StartPlanForm(posted(request), templates=templates, existing=existing, name=name)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.start_plan(
                services.writer_for(request, access),
                form.templates[form.cleaned_data["template"]],
                purpose=form.cleaned_data["purpose"],
            )
        except services.PlanError as error:
            form.add_error("template", str(error))
        else:
            started = _("You started “%(title)s”. Add to it a question at a time.") % {"title": plan.shown_title}
            messages.success(request, started)
            return redirect("plan", person_id=access.person.pk, plan_id=plan.pk)
    context = {
        "person": access.person,
        "is_person": access.is_person,
        "is_supporter": access.is_supporter,
        "can_write": access.may_write,
        "plans": plans,
        "form": form,
        "templates": templates,
        "duplicate_of": form.duplicate_of,
    }
    return show(request, "plans/list.jinja", context, status=422 if form.errors else 200)


@person_record_view("safety_plan", supporters=True)
def plan_page(request: HttpRequest, access: RecordAccess, plan_id: UUID) -> Shown:
    plan, others = plan_and_the_others(access, plan_id)
    snapshot = only_shared(build_snapshot(plan, access), shared_sections(access, plan))
    snapshot = as_seen_by(access, snapshot, withheld_entries(plan))  # withheld from the person: ADR 0010
    snapshot = fold(snapshot, historical(plan))  # no longer current: under "Earlier history"
    extension = for_template(plan.template.key) if not access.is_supporter else TemplateExtension()
    status = plan_status(plan)
    checks = []  # for those writing it together: never a supporter (who sees some sections) or emergency access
    if access.may_write and not access.is_supporter:
        review_due = status.agreed.review_due if status.agreed else None
        checks = checklist(snapshot, review_due=review_due, today=timezone.localdate(), yours=access.is_person)
    context = {
        "person": access.person,
        "plan": plan,
        "snapshot": snapshot,
        "status": status,
        "checks": checks,
        "ui": entry_view(access, live=True, plan=plan),
        "is_person": access.is_person,
        "is_supporter": access.is_supporter,
        "emergency": access.grant is not None,
        "notices": extension.notices(plan, access) if extension.notices else [],
        "links": extension.links(plan, access) if extension.links else [],
        "other_plans": others,
    }
    return show(request, "plans/plan.jinja", context, object_id=plan.pk, version=f"draft r{plan.revision}")
