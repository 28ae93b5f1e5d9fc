"""The person's own sharing pages: who they chose, what each of them sees, and changing it at once."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from safeplan.circle import services
from safeplan.circle.forms import ActingForYouForm, ShareForm
from safeplan.circle.presenters import sharing_history, sharing_summary
from safeplan.core.forms import posted
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import shareables
from safeplan.people.models import SupportRelationship
from safeplan.people.records import writer_for
from safeplan.people.shares import ADVOCACY, current_shares
from safeplan.people.views.record_access import FORM, Shown, own_record_id, person_record_view, show


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
    items = shareables(access.person)
    name = support.user.display_name.split()[0] if support.user.display_name else str(support.user)
    current = list(current_shares(support))
    acting = services.acting_for(access.person)
    is_advocate = support.kind == SupportRelationship.Kind.ADVOCATE
    form = ShareForm(posted(request), items=items, name=name, initial=ShareForm.initial_from(current))
    scopes = ActingForYouForm(
        posted(request), prefix="acting", initial={"scopes": [s.part for s in current if s.object_type == ADVOCACY]}
    )
    if request.method == "POST" and "stop" in request.POST:
        stopped = services.stop_sharing_everything(writer, support)
        stopped_words = _("%(name)s no longer sees anything of yours.") % {"name": name}
        messages.success(request, stopped_words if stopped else _("Nothing was shared."))
        return redirect("circle_sharing")
    if request.method == "POST" and form.is_valid() and (not is_advocate or scopes.is_valid()):
        try:
            with transaction.atomic():
                for item in items:
                    services.set_sharing(
                        writer,
                        support,
                        item,
                        parts=form.parts_for(item),
                        adds=form.adds_for(item),
                        ends_on=form.cleaned_data["ends_on"],
                    )
                if is_advocate:
                    services.set_sharing(writer, support, acting, parts=set(scopes.cleaned_data["scopes"]))
        except services.SharingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved. %(name)s sees exactly what you chose, from now on.") % {"name": name})
            return redirect("circle_sharing")
    context = {
        "person": access.person,
        "support": support,
        "name": name,
        "form": form,
        "scopes": scopes if is_advocate else None,
        "has_plans": bool(items),
        "history": sharing_history(support, items + [acting]),
        "today": timezone.localdate(),
    }
    return show(request, "circle/sharing_with.jinja", context, status=422 if form.errors else 200)
