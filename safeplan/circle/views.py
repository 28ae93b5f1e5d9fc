"""The person's own sharing pages: who they chose, what each of them sees, and changing it at once."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone

from safeplan.circle import services
from safeplan.circle.forms import ShareForm
from safeplan.circle.presenters import sharing_history, sharing_summary
from safeplan.core.forms import posted
from safeplan.people.access import RecordAccess
from safeplan.people.records import writer_for
from safeplan.people.shares import current_shares
from safeplan.people.views.record_access import FORM, Shown, own_record_id, person_record_view, show
from safeplan.plans.queries import SHARED_AS, plans_of


def your_sharing(request: HttpRequest) -> HttpResponseBase:
    return _sharing(request, own_record_id(request))


def your_sharing_with(request: HttpRequest, support_id: int) -> HttpResponseBase:
    return _sharing_with(request, own_record_id(request), support_id=support_id)


@person_record_view("sharing")
def _sharing(request: HttpRequest, access: RecordAccess) -> Shown:
    writer = writer_for(request, access)
    supporters = services.supporters_of(writer)
    context = {"person": access.person, "rows": sharing_summary(access.person, supporters)}
    return show(request, "circle/sharing.jinja", context)


@person_record_view("sharing", methods=FORM)
def _sharing_with(request: HttpRequest, access: RecordAccess, support_id: int) -> Shown | HttpResponseBase:
    writer = writer_for(request, access)
    support = next((s for s in services.supporters_of(writer) if s.pk == support_id), None)
    if support is None:
        raise Http404("Not one of your supporters.")
    plans = plans_of(access.person)
    name = support.user.display_name.split()[0] if support.user.display_name else str(support.user)
    current = current_shares(support).filter(object_type=SHARED_AS)
    initial: dict[str, Any] = {}
    for share in current:
        initial.setdefault(f"plan-{share.object_id}", []).append(share.part)
        initial["ends_on"] = share.ends_on
    form = ShareForm(posted(request), plans=plans, name=name, initial=initial)
    if request.method == "POST" and "stop" in request.POST:
        stopped = services.stop_sharing_everything(writer, support)
        messages.success(request, f"{name} no longer sees anything of yours." if stopped else "Nothing was shared.")
        return redirect("circle_sharing")
    if request.method == "POST" and form.is_valid():
        try:
            for plan in plans:
                services.set_plan_sharing(
                    writer, support, plan, sections=form.sections_for(plan), ends_on=form.cleaned_data["ends_on"]
                )
        except services.SharingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Saved. {name} sees exactly what you chose, from now on.")
            return redirect("circle_sharing")
    context = {
        "person": access.person,
        "support": support,
        "name": name,
        "form": form,
        "has_plans": bool(plans),
        "history": sharing_history(support, plans),
        "today": timezone.localdate(),
    }
    return show(request, "circle/sharing_with.jinja", context, status=422 if form.errors else 200)
