"""Concern pages: the list, raising one (or recording one that came another way), the case, and its steps."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from safeplan.concerns import presenters, services
from safeplan.concerns.about import About, service_action, shown_choice, where
from safeplan.concerns.about import choices as about_choices
from safeplan.concerns.forms import (
    ELSE,
    SERVICE,
    CloseForm,
    NewDateForm,
    NoteForm,
    RaiseForm,
    RecordForm,
    RespondForm,
    SatisfiedForm,
)
from safeplan.concerns.models import Kind, Response, Satisfaction
from safeplan.concerns.queries import concern_in_record, visible_concerns
from safeplan.concerns.restorative import restoratives_on
from safeplan.core.forms import posted
from safeplan.people.access import RecordAccess
from safeplan.people.records import writer_for
from safeplan.people.views.record_access import FORM, Shown, own_record_id, person_record_view, show, writer_or_404


def your_concerns(request: HttpRequest) -> HttpResponse:
    return redirect("concern_list", person_id=own_record_id(request))


@person_record_view("concerns", supporters=True)
def concern_list(request: HttpRequest, access: RecordAccess) -> Shown:
    cases = list(visible_concerns(access))
    context = {
        "person": access.person,
        "is_person": access.is_person,
        "is_supporter": access.is_supporter,
        "may_raise": _may_raise(request, access),
        "rows": [(case, presenters.tag(case)) for case in cases],
    }
    return show(request, "concerns/list.jinja", context)


def _may_raise(request: HttpRequest, access: RecordAccess) -> bool:
    try:
        services.raiser_role(writer_for(request, access))
    except services.ConcernError:
        return False
    return True


@person_record_view("concern", methods=FORM, supporters="post")
def raise_concern(request: HttpRequest, access: RecordAccess) -> Shown | HttpResponseBase:
    writer = writer_for(request, access)
    if not _may_raise(request, access) or access.grant is not None:
        raise Http404("Not for this reader.")
    linked = request.GET.get("about", "")
    abouts = about_choices(access, linked)
    form_class = RecordForm if access.is_care_team else RaiseForm
    choices = [(key, shown_choice(about)) for key, about in abouts.items()]
    initial = {"about": linked if linked in abouts else ""}
    form = form_class(posted(request), about_choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        about = _chosen(abouts, data)
        extra: dict[str, Any] = {}
        if access.is_care_team:
            extra = {
                key: data[key]
                for key in ["received_how", "received_on", "raised_by_name", "raised_by_role", "late_accepted_reason"]
            }
            extra["for_the_person"] = data["for_the_person"] == "yes"
        try:
            concern = services.raise_concern(
                writer,
                kind=data["kind"],
                about=about,
                what_happened=data["what_happened"],
                would_like=data["would_like"],
                contact_ok=data["contact_ok"] == "yes",
                contact_how=data["contact_how"],
                event_on=data["event_on"],
                **extra,
            )
        except services.ConcernError as error:
            form.add_error(None, str(error))
        else:
            if concern.kind == Kind.CONCERN:
                messages.success(request, _("Thank you. We have received it. You can follow it here."))
            else:
                messages.success(request, _("Thank you for telling us. You can follow it here."))
            return redirect("concern", person_id=access.person.pk, concern_id=concern.pk)
    context = {"person": access.person, "form": form, "is_person": access.is_person, "staff": access.is_care_team}
    return show(request, "concerns/raise.jinja", context, status=422 if form.errors else 200)


def _chosen(abouts: dict[str, About], data: dict[str, Any]) -> About:
    if data["about"] == ELSE:
        return About(data["about_else"])
    if data["about"] == SERVICE:
        return service_action(data["service_action"]) or About("")
    return abouts[data["about"]]


def _page(request: HttpRequest, access: RecordAccess, concern_id: UUID, **forms: Any) -> Shown:
    concern = concern_in_record(access, concern_id)
    response = Response.objects.filter(concern=concern).first()
    said = Satisfaction.objects.filter(concern=concern).order_by("-written_at", "-pk").first()
    staff = access.is_care_team
    dues = presenters.dues(concern)
    context = {
        "person": access.person,
        "concern": concern,
        "is_person": access.is_person,
        "staff": staff,
        "emergency": access.grant is not None,
        "tag": presenters.tag(concern, due=dues),
        "dues": dues,
        "steps": presenters.steps(concern, for_staff=staff or access.grant is not None),
        "response": response,
        "ombudsman": presenters.shown_ombudsman(response.ombudsman) if response is not None else "",
        "said": said,
        "restoratives": restoratives_on(access, concern),
        "about_where": where(access, concern.about_type, concern.about_id, concern.about_part),
        "time_limit": services.time_limit_months(concern) if concern.past_time_limit else None,
        "awaiting_decision": services.awaiting_time_limit_decision(concern),
        "may_say": response is not None
        and not staff
        and (concern.raised_by_id == request.user.pk or (access.is_person and concern.person_follows)),
        "note_form": forms.get("note_form") or NoteForm(),
        "date_form": forms.get("date_form") or NewDateForm(),
        "letter_form": forms.get("letter_form") or NoteForm(prefix="letter"),
        "letter_due": any(due.letter for due in dues),
        "respond_form": forms.get("respond_form") or RespondForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "satisfied_form": forms.get("satisfied_form") or SatisfiedForm(),
    }
    failed = [form for form in forms.values() if form.errors]
    context["error_summary"] = failed[0].error_summary_items() if failed else []  # the layout shows it
    status = 422 if failed else 200
    return show(request, "concerns/concern.jinja", context, status=status, object_id=concern.pk)


@person_record_view("concern", methods=FORM, supporters="post")
def concern_page(request: HttpRequest, access: RecordAccess, concern_id: UUID) -> Shown | HttpResponseBase:
    """The case; the raiser says here whether the response put things right."""
    if request.method != "POST":
        return _page(request, access, concern_id)
    concern = concern_in_record(access, concern_id)
    form = SatisfiedForm(request.POST)
    if form.is_valid():
        try:
            services.say_satisfied(
                writer_for(request, access),
                concern,
                answer=form.cleaned_data["answer"],
                words=form.cleaned_data["words"],
            )
        except services.ConcernError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you for telling us."))
            return redirect("concern", person_id=access.person.pk, concern_id=concern.pk)
    return _page(request, access, concern_id, satisfied_form=form)


STEPS = {"acknowledge", "take-on", "new-date", "delay-letter", "respond", "close"}


@person_record_view("concern", methods=FORM)
def concern_step(request: HttpRequest, access: RecordAccess, concern_id: UUID, step: str) -> Shown | HttpResponseBase:
    """The care team moves the case on: each step's form is on the case page; this takes its POST."""
    if step not in STEPS or not access.is_care_team:
        raise Http404("No such step.")
    if request.method != "POST":
        return redirect("concern", person_id=access.person.pk, concern_id=concern_id)
    writer = writer_or_404(request, access)
    concern = concern_in_record(access, concern_id)
    forms: dict[str, Any] = {
        "acknowledge": ("note_form", NoteForm),
        "take-on": ("note_form", NoteForm),
        "delay-letter": ("letter_form", NoteForm),
        "new-date": ("date_form", NewDateForm),
        "respond": ("respond_form", RespondForm),
        "close": ("close_form", CloseForm),
    }
    name, form_class = forms[step]
    form = form_class(request.POST, prefix="letter" if step == "delay-letter" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if step == "acknowledge":
                services.acknowledge(writer, concern, data["note"])
            elif step == "take-on":
                services.take_on(writer, concern)
            elif step == "delay-letter":
                services.send_delay_letter(writer, concern, data["note"])
            elif step == "new-date":
                services.agree_new_date(writer, concern, data["respond_by"], data["reason"])
            elif step == "respond":
                services.respond(writer, concern, **data)
            else:
                services.close(writer, concern, referred=data["referred"], note=data["note"])
        except services.ConcernError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved. The person who raised it sees the new step and its date.")
            return redirect("concern", person_id=access.person.pk, concern_id=concern.pk)
    return _page(request, access, concern_id, **{name: form})
