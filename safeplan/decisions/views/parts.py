"""Each part of a decision record has a small form: options, later harms, views, capacity, frameworks, the
agreement and its signatures, a decision against preference, and what happened afterwards."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from safeplan.decisions import forms, services
from safeplan.decisions.models import Agreement, Option
from safeplan.decisions.presenters import decision_in_record
from safeplan.people.models import SupportRelationship
from safeplan.people.views.record_access import person_record_view, reading
from safeplan.plans.views.writing import writer_or_404

CAPACITY_GUIDANCE = (
    "Capacity is presumed. Record an assessment only if there is real doubt about this decision, at this time. "
    "A choice that others think unwise does not mean someone lacks capacity. Give all the help you can before "
    "deciding they cannot make it."
)


def _page(request, access, decision, form, *, heading, submit, save, intro="", done="Saved."):
    """Render a part's form; on a valid POST call `save()` and go back to the decision."""
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except services.DecisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("decision", person_id=access.person.pk, decision_id=decision.pk)
    reading(request, decision.pk)
    context = {
        "person": access.person,
        "decision": decision,
        "form": form,
        "heading": heading,
        "intro": intro,
        "submit": submit,
    }
    return render(request, "decisions/form.jinja", context, status=422 if form.errors else 200)


@person_record_view("decision")
def add_option(request, access, decision_id):
    decision = decision_in_record(access, decision_id)
    writer = writer_or_404(request, access)
    form = forms.OptionForm(request.POST or None)
    return _page(
        request,
        access,
        decision,
        form,
        heading="Add an option",
        submit="Add the option",
        save=lambda: services.add_option(writer, decision, **form.cleaned_data),
    )


@person_record_view("decision")
def add_later_harm(request, access, decision_id, option_id):
    decision = decision_in_record(access, decision_id)
    writer = writer_or_404(request, access)
    option = Option.objects.filter(pk=option_id, decision=decision).first()
    if option is None:
        raise Http404("No such option.")
    form = forms.LaterHarmForm(request.POST or None)
    return _page(
        request,
        access,
        decision,
        form,
        heading=f"What could “{option.title}” cost later?",
        intro="Think about work, money, housing, relationships, caring for others, liberty and confidence, "
        "including harm that could come from the service's own decisions.",
        submit="Add it",
        save=lambda: services.add_later_harm(writer, option, **form.cleaned_data),
    )


@person_record_view("decision")
def add_view(request, access, decision_id):
    decision = decision_in_record(access, decision_id)
    writer = writer_or_404(request, access)
    options = list(decision.options.all())
    supporters = list(
        SupportRelationship.objects.filter(person=access.person, ended_on__isnull=True).select_related("user")
    )
    form = forms.ViewForm(
        request.POST or None, options=options, person=access.person, is_person=writer.is_person, supporters=supporters
    )

    def save():
        voice, supporter = form.voice_and_supporter()
        services.record_view(
            writer,
            decision,
            reasons=form.cleaned_data["reasons"],
            preferred=form.options.get(form.cleaned_data["preferred"]),
            voice=voice,
            supporter=supporter,
        )

    return _page(
        request,
        access,
        decision,
        form,
        heading="Add a view",
        submit="Save the view",
        save=save,
        intro="Every view is kept with whose it is. Views that differ stand side by side.",
    )


@person_record_view("decision")
def assess_capacity(request, access, decision_id):
    decision = decision_in_record(access, decision_id)
    writer = writer_or_404(request, access)
    if not writer.is_care_team:
        raise Http404("A practitioner records a capacity assessment.")
    form = forms.CapacityForm(request.POST or None)

    def save():
        data = form.cleaned_data
        services.assess_capacity(
            writer,
            decision,
            understand=data["understand"] == "yes",
            retain=data["retain"] == "yes",
            weigh=data["weigh"] == "yes",
            communicate=data["communicate"] == "yes",
            notes=data["notes"],
            fluctuating=data["fluctuating"],
            review_on=data["review_on"],
        )

    return _page(
        request,
        access,
        decision,
        form,
        heading="Capacity for this decision",
        intro=CAPACITY_GUIDANCE,
        submit="Record the assessment",
        save=save,
    )


@person_record_view("decision")
def check_framework(request, access, decision_id):
    decision = decision_in_record(access, decision_id)
    writer = writer_or_404(request, access)
    form = forms.LegalForm(request.POST or None)
    return _page(
        request,
        access,
        decision,
        form,
        heading="Legal frameworks",
        submit="Save",
        intro="Duty of care, human rights, health and safety, mental capacity (including capacity that comes and "
        "goes) and safeguarding can each bear on a decision. Note how each does.",
        save=lambda: services.check_framework(
            writer,
            decision,
            framework=form.cleaned_data["framework"],
            applies=form.cleaned_data["applies"] == "yes",
            note=form.cleaned_data["note"],
        ),
    )


@person_record_view("decision")
def propose_agreement(request, access, decision_id):
    decision = decision_in_record(access, decision_id)
    writer = writer_or_404(request, access)
    form = forms.AgreementForm(request.POST or None, options=list(decision.options.all()))

    def save():
        data = dict(form.cleaned_data)
        data["chosen"] = form.options[data["chosen"]]
        services.propose_agreement(writer, decision, **data)

    return _page(
        request,
        access,
        decision,
        form,
        heading="Write down what we agreed",
        submit="Save for signing",
        save=save,
        done="Written down. The person and a practitioner each sign it.",
    )


def _agreement(decision) -> Agreement:
    agreement = Agreement.objects.filter(decision=decision).select_related("decision").first()
    if agreement is None:
        raise Http404("Nothing written down yet.")
    return agreement


@require_POST
@person_record_view("decision")
def sign(request, access, decision_id):
    decision = decision_in_record(access, decision_id)
    writer = writer_or_404(request, access)
    try:
        agreement = services.sign_agreement(writer, _agreement(decision))
    except services.DecisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The decision is agreed." if agreement.final_at else "You signed it.")
    return redirect("decision", person_id=access.person.pk, decision_id=decision.pk)


@person_record_view("decision")
def against_preference(request, access, decision_id):
    decision = decision_in_record(access, decision_id)
    writer = writer_or_404(request, access)
    if not writer.is_care_team:
        raise Http404("Only a practitioner records this.")
    agreement = _agreement(decision)
    form = forms.AgainstPreferenceForm(request.POST or None)
    return _page(
        request,
        access,
        decision,
        form,
        heading="A decision against their preference",
        intro=f"{access.person.name_to_use}'s view stays on the record beside your reason.",
        submit="Record the decision",
        save=lambda: services.decide_against_preference(writer, agreement, reason=form.cleaned_data["reason"]),
    )


@person_record_view("decision")
def add_outcome(request, access, decision_id):
    decision = decision_in_record(access, decision_id)
    writer = writer_or_404(request, access)
    form = forms.OutcomeForm(request.POST or None)
    return _page(
        request,
        access,
        decision,
        form,
        heading="Afterwards: what happened",
        submit="Save",
        save=lambda: services.record_outcome(writer, decision, **form.cleaned_data),
    )
