"""The page of crisis contacts and leaving hospital, with the contact afterwards: the care team records both; the
person reads them (their open record)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone

from safeplan.core.forms import NHSForm
from safeplan.followup import services
from safeplan.followup.forms import EventForm, FollowUpForm, InErrorForm, joined
from safeplan.followup.models import WITHIN, CrisisEvent
from safeplan.followup.queries import events_of
from safeplan.people.access import RecordAccess
from safeplan.people.views.record_access import FORM, Shown, person_record_view, show, writer_or_404


def _page(request: HttpRequest, access: RecordAccess, failed: NHSForm | None = None, **forms: Any) -> Shown:
    events = events_of(access.person)
    context = {
        "person": access.person,
        "events": events,
        "now": timezone.now(),
        "within": WITHIN,
        "may_write": access.is_care_team and access.may_write,
        "event_form": forms.get("event_form") or EventForm(),
        "follow_up_form": forms.get("follow_up_form"),
        "follow_up_event": forms.get("follow_up_event"),
        # One form of each kind per event, each with its own ids on the page.
        "forms_for": lambda event: FollowUpForm(initial={"event": event.pk}, auto_id=f"event{event.pk}-%s"),
        "error_form_for": lambda event: (
            forms.get("in_error_form")
            if forms.get("in_error_event") is not None and forms["in_error_event"].pk == event.pk
            else InErrorForm(initial={"event": event.pk}, auto_id=f"error{event.pk}-%s")
        ),
        "in_error_event": forms.get("in_error_event"),
        "error_summary": failed.error_summary_items() if failed is not None else [],
    }
    return show(request, "followup/page.jinja", context, status=422 if failed is not None else 200)


@person_record_view("crisis_follow_up", methods=FORM)
def follow_up_page(request: HttpRequest, access: RecordAccess) -> Shown | HttpResponseBase:
    if request.method != "POST":
        return _page(request, access)
    writer = writer_or_404(request, access)
    if request.POST.get("form") == "in_error":
        asked = request.POST.get("event", "")
        error_form = InErrorForm(request.POST, auto_id=f"error{asked if asked.isdigit() else 0}-%s")
        wrong = None
        if error_form.is_valid():
            wrong = CrisisEvent.objects.filter(pk=error_form.cleaned_data["event"], person=access.person).first()
            if wrong is None:
                error_form.add_error(None, "That is not in this record.")
            else:
                try:
                    services.record_in_error(writer, wrong, why=error_form.cleaned_data["why"])
                except services.FollowUpError as error:
                    error_form.add_error(None, str(error))
                else:
                    messages.success(request, "Marked as recorded in error. It stays in the record with why.")
                    return redirect("crisis_follow_up", person_id=access.person.pk)
        return _page(request, access, error_form, in_error_form=error_form, in_error_event=wrong)
    if request.POST.get("form") == "follow_up":
        asked = request.POST.get("event", "")
        form: NHSForm = FollowUpForm(request.POST, auto_id=f"event{asked if asked.isdigit() else 0}-%s")
        event = None
        if form.is_valid():
            event = CrisisEvent.objects.filter(pk=form.cleaned_data["event"], person=access.person).first()
            if event is None:
                form.add_error(None, "That is not in this record.")
            else:
                data = form.cleaned_data
                try:
                    services.record_follow_up(
                        writer,
                        event,
                        contacted_at=joined(data, "contacted_on", "contacted_time"),
                        how=data["how"],
                        reached=data["reached"],
                        note=data["note"],
                    )
                except services.FollowUpError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, "Saved.")
                    return redirect("crisis_follow_up", person_id=access.person.pk)
        return _page(request, access, form, follow_up_form=form, follow_up_event=event)
    form = EventForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_event(
                writer, kind=data["kind"], happened_at=joined(data, "happened_on", "happened_time"), where=data["where"]
            )
        except services.FollowUpError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Saved. Contact with them is due within {WITHIN} hours of it.")
            return redirect("crisis_follow_up", person_id=access.person.pk)
    return _page(request, access, form, event_form=form)
