"""Is it still current? The care team marks an entry "no longer current" (or current again) with the person; the
person asks for one to be looked at again; the care team's list of what to go through with them."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safeplan.core.forms import NHSForm, posted
from safeplan.people.access import RecordAccess
from safeplan.people.views.record_access import FORM, Shown, person_record_view, show, writer_or_404
from safeplan.plans import services
from safeplan.plans.historical import due_for_review, latest_reviews
from safeplan.plans.presenters import field_rows
from safeplan.plans.queries import placement, plan_in_record
from safeplan.plans.views.entries import _back, _entry_in


class ReviewForm(NHSForm):
    with_whom = forms.CharField(
        label="Who did you look at it with?",
        help_text="For example: the person, at our appointment on 3 March",
        max_length=200,
        error_messages={"required": "Say who you looked at it with"},
    )
    why = forms.CharField(
        label="Why?",
        help_text="In words that will make sense to whoever reads it later, the person included",
        max_length=2000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why", "min_length": "Say why, in a sentence that will make sense later"},
    )


class AskForm(NHSForm):
    words = forms.CharField(
        label=gettext_lazy("Anything you want to say about it (optional)"),
        help_text=gettext_lazy("For example: this was true two years ago, but it is not now"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@person_record_view("plan_entry", methods=FORM)
def review_entry(request: HttpRequest, access: RecordAccess, plan_id: UUID, entry_id: int) -> Shown | HttpResponseBase:
    """The care team marks an entry no longer current, or current again (whichever it is not now)."""
    if not access.is_care_team:
        raise Http404("For the care team.")
    plan = plan_in_record(access, plan_id)
    entry = _entry_in(access, plan, entry_id)
    latest = latest_reviews([entry.pk]).get(entry.pk)
    making_current = latest is not None and not latest.current
    form = ReviewForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.review_entry(writer_or_404(request, access), entry, current=making_current, **form.cleaned_data)
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            done = (
                "It shows as current again." if making_current else "It is now under “Earlier history”, still readable."
            )
            messages.success(request, f"Saved. {done}")
            return _back(access, plan, f"entry-{entry.pk}")
    context = {
        "person": access.person,
        "plan": plan,
        "entry": entry,
        "where": placement(entry),
        "rows": field_rows(placement(entry)[2], entry.revisions.order_by("-number").first().fields),  # type: ignore[union-attr]
        "making_current": making_current,
        "form": form,
    }
    return show(request, "plans/review.jinja", context, status=422 if form.errors else 200, object_id=entry.pk)


@person_record_view("plan_entry", methods=FORM)
def ask_for_review(
    request: HttpRequest, access: RecordAccess, plan_id: UUID, entry_id: int
) -> Shown | HttpResponseBase:
    """The person asks their care team to look at an entry again with them."""
    if not access.is_person:
        raise Http404("For the person.")
    plan = plan_in_record(access, plan_id)
    entry = _entry_in(access, plan, entry_id)
    form = AskForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.ask_for_review(writer_or_404(request, access), entry, form.cleaned_data["words"])
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Sent. Your care team will go through it with you."))
            return _back(access, plan, f"entry-{entry.pk}")
    context = {"person": access.person, "plan": plan, "entry": entry, "where": placement(entry), "form": form}
    return show(request, "plans/ask_review.jinja", context, status=422 if form.errors else 200, object_id=entry.pk)


@person_record_view("plan_entries_to_review")
def to_review(request: HttpRequest, access: RecordAccess) -> Shown:
    """For the care team: entries to go through with the person (old and never looked at again, or asked about)."""
    if not access.is_care_team:
        raise Http404("For the care team.")
    context = {"person": access.person, "due": due_for_review(access.person)}
    return show(request, "plans/to_review.jinja", context)
