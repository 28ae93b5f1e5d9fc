"""Check-ins: what the person used and how much it helped. Theirs; shared with the care team only if they choose."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract

from safeplan.core.forms import posted
from safeplan.harm import services
from safeplan.harm.charts import NO_LONGER_IN_PLAN, technique_charts
from safeplan.harm.forms import CheckInForm
from safeplan.harm.models import CheckIn
from safeplan.harm.views.techniques import harm_plan
from safeplan.people.access import RecordAccess
from safeplan.people.views.record_access import ACTION, FORM, Shown, person_record_view, show, writer_or_404
from safeplan.plans import services as plan_services
from safeplan.plans.models import Entry, Plan
from safeplan.plans.queries import current_revisions


def _technique_names(plan: Plan) -> list[tuple[Entry, str]]:
    return [(r.entry, r.fields.get("name", "")) for r in current_revisions(plan, item_key=services.TECHNIQUE)]


@person_record_view("harm_check_ins", methods=FORM)
def check_ins(request: HttpRequest, access: RecordAccess, plan_id: UUID) -> Shown | HttpResponseBase:
    plan = harm_plan(access, plan_id)
    techniques = _technique_names(plan)
    form = CheckInForm(posted(request), techniques=techniques)
    if request.method == "POST":
        author = writer_or_404(request, access)
        if form.is_valid():
            entry = next(e for e, _name in techniques if str(e.pk) == form.cleaned_data["technique"])
            try:
                services.add_check_in(
                    author,
                    plan,
                    entry=entry,
                    used_on=form.cleaned_data["used_on"],
                    helped=form.cleaned_data["helped"],
                    note=form.cleaned_data["note"],
                    share=form.cleaned_data["share"],
                )
            except plan_services.PlanError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your check-in is saved."))
                return redirect("harm_check_ins", person_id=access.person.pk, plan_id=plan.pk)
    visible = list(services.visible_check_ins(access, plan))
    names = {entry.pk: name for entry, name in techniques}
    context = {
        "person": access.person,
        "plan": plan,
        "form": form,
        "is_person": access.is_person,
        "can_write": access.may_write and bool(techniques),
        "charts": technique_charts(visible, names, person=None if access.is_person else access.person.name_to_use),
        "check_ins": list(reversed(visible)),
        "names": names,
        "no_longer_in_plan": translated(NO_LONGER_IN_PLAN).lower(),
    }
    status = 422 if form.errors else 200
    return show(request, "harm/check_ins.jinja", context, status=status, object_id=plan.pk, version="check-ins")


def _visible(access: RecordAccess, plan: Plan, check_in_id: UUID) -> CheckIn:
    check_in = services.visible_check_ins(access, plan).filter(pk=check_in_id).first()
    if check_in is None:
        raise Http404("No such check-in.")
    return check_in


@person_record_view("harm_check_in")
def check_in_page(request: HttpRequest, access: RecordAccess, plan_id: UUID, check_in_id: UUID) -> Shown:
    plan = harm_plan(access, plan_id)
    check_in = _visible(access, plan, check_in_id)
    names = dict((entry.pk, name) for entry, name in _technique_names(plan))
    context = {
        "person": access.person,
        "plan": plan,
        "check_in": check_in,
        "name": names.get(check_in.entry_id, translated(NO_LONGER_IN_PLAN)),
        "is_person": access.is_person,
    }
    return show(request, "harm/check_in.jinja", context, object_id=check_in.pk)


@person_record_view("harm_check_in", methods=ACTION)
def share_check_in(request: HttpRequest, access: RecordAccess, plan_id: UUID, check_in_id: UUID) -> HttpResponseBase:
    plan = harm_plan(access, plan_id)
    check_in = _visible(access, plan, check_in_id)
    author = writer_or_404(request, access)
    try:
        services.set_sharing(author, check_in, shared=request.POST.get("shared") == "yes")
    except plan_services.PlanError as error:
        messages.error(request, str(error))
    else:
        done = _("Shared with your care team.") if check_in.shared else _("Only you can see it now.")
        messages.success(request, done)
    return redirect("harm_check_ins", person_id=access.person.pk, plan_id=plan.pk)
