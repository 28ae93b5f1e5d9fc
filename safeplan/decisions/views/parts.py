"""Each part of a decision record has a small form: options, later harms, views, capacity, frameworks, the
agreement, a decision against preference, and what happened afterwards. Each is an `AddToRecord` page: the generic
view shows the form, calls the service and goes back to the decision."""

from typing import Any
from uuid import UUID

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # the words below, in the reader's language when shown
from django.utils.translation import gettext_noop as N_

from safeplan.decisions import forms, presenters, services
from safeplan.decisions.models import Agreement, Decision, Option
from safeplan.decisions.presenters import decision_in_record
from safeplan.people.access import RecordAccess
from safeplan.people.models import SupportRelationship
from safeplan.people.records import Writer
from safeplan.people.views.generic import AddToRecord
from safeplan.people.views.record_access import ACTION, person_record_view, writer_or_404

CAPACITY_GUIDANCE = (
    "Capacity is presumed. Record an assessment only if there is real doubt about this decision, at this time. "
    "A choice that others think unwise does not mean someone lacks capacity. Give all the help you can before "
    "deciding they cannot make it."
)


class DecisionPart(AddToRecord):
    """A part added to one decision; the page shows the decision's question and goes back to it.

    The words of the pages the person reaches are marked N_ and translated for them here (their language may be
    Welsh); the care team's own words, on pages only they reach, stay English."""

    object_type = "decision"
    template = "decisions/form.jinja"
    submit = N_("Save")
    done = N_("Saved.")
    # The words the person reads where the care team's words would be jargon to them; empty keeps the same words.
    person_heading: str = ""
    person_intro: str = ""
    person_done: str = ""

    def __init__(self, request: HttpRequest, access: RecordAccess, writer: Writer) -> None:
        super().__init__(request, access, writer)
        if access.is_person:
            self.heading = translated(self.person_heading or self.heading)
            intro = self.person_intro or self.intro
            self.intro = translated(intro) if intro else ""  # (gettext("") would be the catalogue's header)
            self.done = translated(self.person_done or self.done)
            self.submit = translated(self.submit)

    def find(self, **kwargs: Any) -> Decision:
        return decision_in_record(self.access, kwargs["decision_id"])

    def back(self, found: Decision) -> HttpResponseBase:
        return redirect("decision", person_id=self.access.person.pk, decision_id=found.pk)

    def context(self, found: Decision) -> dict[str, Any]:
        return {"decision": found}


class AddOption(DecisionPart):
    heading, submit = N_("Add an option"), N_("Add the option")

    def make_form(self, data: Any, found: Decision) -> django_forms.Form:
        return forms.OptionForm(data)

    def save(self, found: Decision, form: django_forms.Form) -> None:
        services.add_option(self.writer, found, **form.cleaned_data)


class AddLaterHarm(DecisionPart):
    submit = N_("Add it")
    intro = (
        "Think about work, money, housing, relationships, caring for others, liberty and confidence, including harm "
        "that could come from the service's own decisions."
    )
    person_intro = N_(
        "Think about work, money, housing, relationships, caring for others, your freedom and your confidence, "
        "including harm that could come from your care team's own decisions."
    )

    def find(self, **kwargs: Any) -> Decision:
        decision = super().find(**kwargs)
        option = Option.objects.filter(pk=kwargs["option_id"], decision=decision).first()
        if option is None:
            raise Http404("No such option.")
        self.option = option
        if self.access.is_person:
            self.heading = _("What could “%(option)s” cost later?") % {"option": presenters.option_title(option)}
        else:
            self.heading = f"What could “{option.title}” cost later?"
        return decision

    def make_form(self, data: Any, found: Decision) -> django_forms.Form:
        return forms.LaterHarmForm(data, is_person=self.access.is_person)

    def save(self, found: Decision, form: django_forms.Form) -> None:
        services.add_later_harm(self.writer, self.option, **form.cleaned_data)


class AddView(DecisionPart):
    heading, submit, person_heading = "Add a view", N_("Save the view"), N_("Add your view")
    intro = N_("Every view is kept with whose it is. Views that differ stand side by side.")

    def make_form(self, data: Any, found: Decision) -> django_forms.Form:
        supporters = SupportRelationship.objects.filter(person=self.access.person, ended_on__isnull=True)
        return forms.ViewForm(
            data,
            options=list(found.options.all()),
            person=self.access.person,
            is_person=self.writer.is_person,
            supporters=list(supporters.select_related("user")),
        )

    def in_care_team_voice(self, form: django_forms.Form) -> bool:
        return isinstance(form, forms.ViewForm) and form.voice_and_supporter()[0] == "practitioner"

    def save(self, found: Decision, form: django_forms.Form) -> None:
        assert isinstance(form, forms.ViewForm)
        voice, supporter = form.voice_and_supporter()
        services.record_view(
            self.writer,
            found,
            reasons=form.cleaned_data["reasons"],
            preferred=form.options.get(form.cleaned_data["preferred"]),
            voice=voice,
            supporter=supporter,
        )


class AssessCapacity(DecisionPart):
    care_team_only = True
    heading, submit, intro = "Capacity for this decision", "Record the assessment", CAPACITY_GUIDANCE

    def make_form(self, data: Any, found: Decision) -> django_forms.Form:
        return forms.CapacityForm(data)

    def save(self, found: Decision, form: django_forms.Form) -> None:
        data = form.cleaned_data
        services.assess_capacity(
            self.writer,
            found,
            understand=data["understand"] == "yes",
            retain=data["retain"] == "yes",
            weigh=data["weigh"] == "yes",
            communicate=data["communicate"] == "yes",
            notes=data["notes"],
            fluctuating=data["fluctuating"],
            review_on=data["review_on"],
        )


class CheckFramework(DecisionPart):
    heading = "Legal frameworks"
    intro = (
        "Duty of care, human rights, health and safety, mental capacity (including capacity that comes and goes) "
        "and safeguarding can each bear on a decision. Note how each does."
    )
    person_heading = N_("The laws that might apply")
    person_intro = N_(
        "Some laws can apply to a decision like this: your care team's duty to take reasonable care of you, your "
        "human rights, health and safety law, whether you can make the decision yourself, and protecting you from "
        "abuse or neglect. Note how one applies."
    )

    def make_form(self, data: Any, found: Decision) -> django_forms.Form:
        return forms.LegalForm(data, is_person=self.access.is_person)

    def save(self, found: Decision, form: django_forms.Form) -> None:
        data = form.cleaned_data
        services.check_framework(
            self.writer, found, framework=data["framework"], applies=data["applies"] == "yes", note=data["note"]
        )


class ProposeAgreement(DecisionPart):
    heading, submit = N_("Write down what we agreed"), N_("Save for signing")
    done = "Written down. The person and a practitioner each sign it."
    person_done = N_("Written down. You and someone from your care team each sign it.")

    def make_form(self, data: Any, found: Decision) -> django_forms.Form:
        return forms.AgreementForm(data, options=list(found.options.all()), is_person=self.access.is_person)

    def save(self, found: Decision, form: django_forms.Form) -> None:
        assert isinstance(form, forms.AgreementForm)
        data = dict(form.cleaned_data)
        data["chosen"] = form.options[data["chosen"]]
        services.propose_agreement(self.writer, found, **data)


def _agreement(decision: Decision) -> Agreement:
    agreement = Agreement.objects.filter(decision=decision).select_related("decision").first()
    if agreement is None:
        raise Http404("Nothing written down yet.")
    return agreement


class AgainstPreference(DecisionPart):
    care_team_only = True
    heading, submit = "A decision against their preference", "Record the decision"

    def find(self, **kwargs: Any) -> Decision:
        decision = super().find(**kwargs)
        self.agreement = _agreement(decision)
        self.intro = f"{self.access.person.name_to_use}'s view stays on the record beside your reason."
        return decision

    def make_form(self, data: Any, found: Decision) -> django_forms.Form:
        return forms.AgainstPreferenceForm(data)

    def save(self, found: Decision, form: django_forms.Form) -> None:
        services.decide_against_preference(self.writer, self.agreement, reason=form.cleaned_data["reason"])


class AddOutcome(DecisionPart):
    heading = N_("Afterwards: what happened")

    def make_form(self, data: Any, found: Decision) -> django_forms.Form:
        return forms.OutcomeForm(data)

    def save(self, found: Decision, form: django_forms.Form) -> None:
        services.record_outcome(self.writer, found, **form.cleaned_data)


@person_record_view("decision", methods=ACTION)
def sign(request: HttpRequest, access: RecordAccess, decision_id: UUID) -> HttpResponseBase:
    decision = decision_in_record(access, decision_id)
    writer = writer_or_404(request, access)
    try:
        agreement = services.sign_agreement(writer, _agreement(decision))
    except services.DecisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The decision is agreed.") if agreement.final_at else _("You signed it."))
    return redirect("decision", person_id=access.person.pk, decision_id=decision.pk)


add_option = AddOption.as_view()
add_later_harm = AddLaterHarm.as_view()
add_view = AddView.as_view()
assess_capacity = AssessCapacity.as_view()
check_framework = CheckFramework.as_view()
propose_agreement = ProposeAgreement.as_view()
against_preference = AgainstPreference.as_view()
add_outcome = AddOutcome.as_view()
