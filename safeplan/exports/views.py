"""All my data: the person's page (ask for a copy, watch it being made, download it), the care team's
subject-access requests, and the download. Every page goes through `person_record_view`: outsiders, emergency
access and other people's supporters get the same 404 as a missing record, and the refusal is audited; each
download is audited as an EXPORT of the record, in the transaction that serves it."""

from uuid import UUID

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from safeplan.audit.models import AuditEvent
from safeplan.core.forms import posted
from safeplan.exports import presenters, services
from safeplan.exports.forms import SubjectAccessForm
from safeplan.exports.models import Export
from safeplan.people.access import RecordAccess
from safeplan.people.records import writer_for
from safeplan.people.views.record_access import FORM, Shown, own_record_id, person_record_view, show, writer_or_404

LISTED = 10  # the latest copies shown on a page


def all_my_data(request: HttpRequest) -> HttpResponseBase:
    """The person's own page, at /your-record/all-my-data/."""
    return _all_my_data(request, own_record_id(request))


@person_record_view("exports", methods=FORM)
def _all_my_data(request: HttpRequest, access: RecordAccess) -> Shown | HttpResponseBase:
    if not access.is_person:
        raise Http404("This page is the person's own.")
    if request.method == "POST":
        try:
            services.request_export(writer_or_404(request, access))
        except services.ExportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("We are making your copy. This page shows how far it has got."))
        return redirect("all_my_data")
    exports = list(Export.objects.filter(person=access.person, kind=Export.Kind.SELF)[:LISTED])
    context = {
        "person": access.person,
        "rows": presenters.rows(exports),
        "refreshing": presenters.refreshing(exports),
    }
    return show(request, "exports/all_my_data.jinja", context)


@person_record_view("exports", methods=FORM)
def subject_access_requests(request: HttpRequest, access: RecordAccess) -> Shown | HttpResponseBase:
    """The care team's page: subject-access requests for this person, with the day each is due."""
    if access.is_person:
        return redirect("all_my_data")
    if not access.is_care_team:
        raise Http404("Only the person's care team makes a copy for a subject access request.")
    form = SubjectAccessForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            export = services.request_export(writer_for(request, access), received_on=form.cleaned_data["received_on"])
        except services.ExportError as error:
            form.add_error("received_on", str(error))
        else:
            due = presenters.day(export.due_on)
            messages.success(request, f"We are making the copy. The request is due {due}.")
            return redirect("subject_access_requests", person_id=access.person.pk)
    exports = list(
        Export.objects.filter(person=access.person, kind=Export.Kind.SUBJECT_ACCESS).order_by(
            "-received_on", "-created_at"
        )
    )
    context = {
        "person": access.person,
        "rows": presenters.rows(exports),
        "refreshing": presenters.refreshing(exports),
        "form": form,
    }
    return show(request, "exports/subject_access_requests.jinja", context, status=422 if form.errors else 200)


@person_record_view("export", methods=("GET",))
def download(request: HttpRequest, access: RecordAccess, export_id: UUID) -> Shown | HttpResponseBase:
    """The ZIP, to the person (any copy of their own record) or their care team (subject-access copies only)."""
    if not (access.is_person or access.is_care_team):
        raise Http404("Emergency access does not download records.")
    export = Export.objects.filter(pk=export_id, person=access.person).first()
    if export is None or (not access.is_person and export.kind != Export.Kind.SUBJECT_ACCESS):
        raise Http404("No such copy.")
    if not export.downloadable(timezone.now()):
        messages.error(request, _("That copy is no longer there: copies are deleted after 7 days. Ask for a new one."))
        if access.is_person:
            return redirect("all_my_data")
        return redirect("subject_access_requests", person_id=access.person.pk)
    made = timezone.localdate(export.ready_at) if export.ready_at else timezone.localdate()
    response = FileResponse(
        export.path.open("rb"),
        as_attachment=True,
        filename=f"all-my-data-{made:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    return Shown(response, object_id=export.pk, object_type="export", action=AuditEvent.Action.EXPORT)
