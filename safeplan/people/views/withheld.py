"""Withholding something from the person (the serious-harm test), releasing it, and the team lead's list of
withholdings past their review date. One page of each for every kind of thing a capability registers as
`Withholdable`: the capability finds the thing and says where it sits; the kernel decides, audits and lists.
See docs/adr/0010-withheld-items.md."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.core.forms import DATE_INPUT_FORMATS, NHSForm, posted
from safeplan.people.access import RecordAccess, team_roles
from safeplan.people.capabilities import WithheldThing, withholdable
from safeplan.people.models import StaffRole
from safeplan.people.records import Writer
from safeplan.people.requests import SignedInRequest
from safeplan.people.views.record_access import FORM, Shown, person_record_view, show, writer_or_404
from safeplan.people.withholding import Withholding, past_review_for
from safeplan.people.withholding_services import (
    MAX_NOTE,
    MAX_REASON,
    SERIOUS_HARM_TEST,
    WithholdingError,
    check_reason,
    check_review,
    latest_review_date,
    release,
    withhold,
)


class WithholdForm(NHSForm):
    reason = forms.CharField(
        label="Why would showing it be likely to cause serious harm?",
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter why showing it would be likely to cause serious harm"},
    )
    review_on = forms.DateField(
        label="When will you look at this decision again?",
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"required": "Enter a review date", "invalid": "Enter the review date as day/month/year"},
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["reason"].help_text = (
            f"{SERIOUS_HARM_TEST} Write it in plain words: the person does not see it, but your team lead and anyone "
            "looking into the decision will."
        )
        example, latest = today + timedelta(days=28), latest_review_date(today)
        hint = f"Within 6 months: no later than {latest:%-d/%-m/%Y}. For example, {example:%-d/%-m/%Y}"
        self.fields["review_on"].help_text = hint

    def clean_reason(self) -> str:
        try:
            return check_reason(self.cleaned_data["reason"])
        except WithholdingError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_review_on(self) -> date:
        try:
            return check_review(self.cleaned_data["review_on"], self.today)
        except WithholdingError as error:
            raise forms.ValidationError(str(error)) from None


class ReleaseForm(NHSForm):
    note = forms.CharField(
        label="A note about releasing it (optional)",
        required=False,
        max_length=MAX_NOTE,
        help_text="For example, what changed, or how you will talk it through with them.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"The note must be {MAX_NOTE} characters or fewer"},
    )


def _care_team_writer(request: HttpRequest, access: RecordAccess) -> Writer:
    """Only the care team decides; the person, a supporter and emergency access get the outsiders' 404."""
    writer = writer_or_404(request, access)
    if not writer.is_care_team:
        raise Http404("Only the care team withholds or releases.")
    return writer


def _thing(access: RecordAccess, object_type: str, object_id: str) -> WithheldThing:
    kind = withholdable(object_type)
    thing = kind.find(access, object_id) if kind is not None else None
    if thing is None:
        raise Http404("Nothing like that in this record.")
    return thing


def _current(access: RecordAccess, object_type: str, object_id: str) -> Withholding | None:
    rows = Withholding.objects.current().filter(person=access.person, object_type=object_type, object_id=object_id)
    return rows.first()


@person_record_view("withholding", methods=FORM)
def withhold_page(
    request: HttpRequest, access: RecordAccess, object_type: str, object_id: str
) -> Shown | HttpResponseBase:
    writer = _care_team_writer(request, access)
    thing = _thing(access, object_type, object_id)
    form = WithholdForm(posted(request), today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            row = withhold(writer, object_type, object_id, **form.cleaned_data)
        except WithholdingError as error:
            form.add_error(None, str(error))
        else:
            name = access.person.name_to_use
            messages.success(
                request,
                f"Withheld from {name} until it is looked at again by {row.review_on:%-d %B %Y}. {name} sees "
                "“Something here is not shown to you” in its place, with your name and the date.",
            )
            return redirect(thing.back)
    context = {
        "person": access.person,
        "thing": thing,
        "current": _current(access, object_type, object_id),
        "form": form,
    }
    status = 422 if form.errors else 200
    return show(request, "people/withhold.jinja", context, status=status, object_type=object_type, object_id=object_id)


@person_record_view("withholding", methods=FORM)
def release_page(request: HttpRequest, access: RecordAccess, withholding_id: int) -> Shown | HttpResponseBase:
    writer = _care_team_writer(request, access)
    row = Withholding.objects.current().filter(pk=withholding_id, person=access.person).first()
    if row is None:
        raise Http404("Nothing withheld by that number in this record.")
    thing = _thing(access, row.object_type, row.object_id)
    form = ReleaseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            release(writer, row, note=form.cleaned_data["note"])
        except WithholdingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Released: {access.person.name_to_use} can see it again.")
            return redirect(thing.back)
    context = {"person": access.person, "thing": thing, "current": row, "form": form}
    status = 422 if form.errors else 200
    return show(
        request,
        "people/release_withholding.jinja",
        context,
        status=status,
        object_type=row.object_type,
        object_id=row.object_id,
    )


def past_review(request: SignedInRequest) -> HttpResponse:
    """A team lead's list: what is withheld from people their teams care for and is past its review date."""
    if StaffRole.Role.TEAM_LEAD not in team_roles(request.user).values():
        raise Http404("Not available.")
    with transaction.atomic():
        rows = past_review_for(request.user)
        audit.record_listing(
            request,
            role="team lead",
            object_type="withheld_past_review",
            shown=len(rows),
            purpose=AuditEvent.Purpose.CARE,
        )
        listed = []
        for row in rows:
            kind = withholdable(row.object_type)
            review = reverse(
                "withhold",
                kwargs={"person_id": row.person_id, "object_type": row.object_type, "object_id": row.object_id},
            )
            listed.append((row, kind.words if kind else row.object_type, kind.link(row) if kind else "", review))
        response = render(request, "people/withheld_past_review.jinja", {"rows": listed})
    return response
