"""Emergency ("break-glass") access: open a record outside your caseload with a reason; team leads review it."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.core.forms import NHSForm, posted
from safeplan.people import services
from safeplan.people.access import is_clinician, staff_role_label, team_roles
from safeplan.people.models import StaffRole, User, normalise_nhs_number, validate_nhs_number
from safeplan.people.requests import SignedInRequest


class BreakGlassForm(NHSForm):
    nhs_number = forms.CharField(
        label="NHS number",
        max_length=14,
        help_text="For example, 999 123 4567",
        widget=forms.TextInput(
            attrs={
                "classes": "nhsuk-input--width-10",
                "inputmode": "numeric",
                "spellcheck": "false",
                "autocomplete": "off",
            }
        ),
    )
    reason = forms.CharField(
        label="Why do you need to open this record now?",
        max_length=1000,
        help_text="The person will see this, and your team lead will review it.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_nhs_number(self) -> str:
        value = normalise_nhs_number(self.cleaned_data["nhs_number"])
        validate_nhs_number(value)
        return value

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise forms.ValidationError("Explain why you need emergency access, in at least 10 characters.")
        return reason


def break_glass_start(request: SignedInRequest) -> HttpResponse:
    if not is_clinician(request.user):
        raise Http404("Not available.")
    form = BreakGlassForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.start_break_glass(
                actor=audit.actor_for(request, staff_role_label(request.user)),
                user=request.user,
                nhs_number=form.cleaned_data["nhs_number"],
                reason=form.cleaned_data["reason"],
            )
        except services.AccessError as error:
            form.add_error("nhs_number", str(error))
        else:
            return redirect("person_record", person_id=grant.person_id)
    status = 422 if form.is_bound else 200
    return render(request, "people/break_glass_start.jinja", {"form": form}, status=status)


@require_POST
def break_glass_end(request: SignedInRequest, grant_id: UUID) -> HttpResponse:
    try:
        grant = services.end_break_glass(
            actor=audit.actor_for(request, staff_role_label(request.user)), user=request.user, grant_id=grant_id
        )
    except services.AccessError:
        raise Http404("Not found.") from None
    messages.info(request, f"Emergency access to {grant.person} has ended.")
    return redirect("caseload")


class ReviewForm(NHSForm):
    note = forms.CharField(
        label="Your review",
        max_length=1000,
        required=False,
        help_text="For example, whether the access was justified and anything to follow up.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _prefix(grant_id: UUID) -> str:
    """Each grant's review form has its own field ids on the review page."""
    return f"review-{grant_id}"


def _is_lead(user: User) -> bool:
    return StaffRole.Role.TEAM_LEAD in team_roles(user).values()


def break_glass_review(request: SignedInRequest) -> HttpResponse:
    if not _is_lead(request.user):
        raise Http404("Not available.")
    services.close_expired_break_glass()
    with transaction.atomic():
        grants = list(services.grants_to_review(request.user).order_by("reviewed_at", "-started_at")[:100])
        for grant in grants:
            # the template reads each grant's form from the grant: an attribute of this page, not of the model
            grant.review_form = ReviewForm(prefix=_prefix(grant.pk))  # type: ignore[attr-defined]
        audit.record_listing(
            request,
            role="team lead",
            object_type="break_glass_reviews",
            shown=len(grants),
            purpose=AuditEvent.Purpose.GOVERNANCE,
        )
        response = render(request, "people/break_glass_review.jinja", {"grants": grants})
    return response


@require_POST
def break_glass_review_one(request: SignedInRequest, grant_id: UUID) -> HttpResponse:
    if not _is_lead(request.user):
        raise Http404("Not available.")
    form = ReviewForm(request.POST, prefix=_prefix(grant_id))
    if not form.is_valid():
        messages.error(
            request, "Your review could not be saved: " + " ".join(str(e) for e in form.errors.get("note", []))
        )
        return redirect("break_glass_review")
    try:
        services.review_break_glass(
            actor=audit.actor_for(request, "team lead"),
            lead=request.user,
            grant_id=grant_id,
            note=form.cleaned_data["note"],
        )
    except services.AccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Review saved.")
    return redirect("break_glass_review")
