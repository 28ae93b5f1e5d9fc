"""Forms for raising a concern or compliment, recording one that came another way, and moving a case on.

The person's forms (raising one, saying whether the response put things right) are in their language; the care
team's stay English."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safeplan.concerns.about import SERVICE_ACTIONS
from safeplan.concerns.models import Kind, ReceivedHow, Satisfaction
from safeplan.core.forms import DATE_INPUT_FORMATS, NHSForm

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # (a development dependency: for the type checker only)

ELSE = "else"  # "something else": the raiser says what, in words
SERVICE = "service"  # "something the service did": the raiser chooses what


def _date(label: "StrOrPromise", help_text: "StrOrPromise", *, required: bool = False) -> forms.DateField:
    messages: dict[str, StrOrPromise] = {"invalid": gettext_lazy("Enter the date as day/month/year")}
    if required:  # the care team's dates only: their label is plain English
        messages["required"] = f"Enter {str(label).lower()}"
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=messages,
    )


def _words(
    label: "StrOrPromise",
    *,
    rows: int,
    max_length: int,
    required: "StrOrPromise" = "",
    help_text: "StrOrPromise" = "",
) -> forms.CharField:
    """Words in a textarea; `required` is the message when it is left empty (the field is optional without one)."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=bool(required),
        error_messages={"required": required} if required else {},
    )


class RaiseForm(NHSForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("What would you like to tell us?"),
        widget=forms.RadioSelect,
        choices=[
            (Kind.CONCERN, gettext_lazy("A concern or complaint")),
            (Kind.COMPLIMENT, gettext_lazy("A compliment: something that went well")),
        ],
        error_messages={"required": gettext_lazy("Choose a concern or a compliment")},
    )
    about = forms.ChoiceField(label=gettext_lazy("What is it about?"), widget=forms.RadioSelect)
    service_action = forms.ChoiceField(
        label=gettext_lazy("If something the service did, what?"),
        choices=[("", gettext_lazy("Choose one")), *((key, gettext_lazy(v)) for key, v in SERVICE_ACTIONS.items())],
        required=False,
    )
    about_else = forms.CharField(
        label=gettext_lazy("If something else, what?"),
        help_text=gettext_lazy("For example: a phone call, a letter, the waiting room"),
        max_length=300,
        required=False,
    )
    what_happened = _words(
        gettext_lazy("What happened?"), rows=6, max_length=6000, required=gettext_lazy("Say what happened")
    )
    event_on = _date(gettext_lazy("When did it happen? (optional)"), gettext_lazy("For example, 3/11/2026"))
    would_like = _words(
        gettext_lazy("What would you like to happen? (optional)"),
        rows=3,
        max_length=4000,
        help_text=gettext_lazy("For example: an apology, a change to the plan, to talk it through with someone"),
    )
    contact_ok = forms.ChoiceField(
        label=gettext_lazy("May we contact you about it?"),
        widget=forms.RadioSelect,
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No, only reply here"))],
        error_messages={"required": gettext_lazy("Say whether we may contact you")},
    )
    contact_how = forms.CharField(
        label=gettext_lazy("How would you like us to contact you? (optional)"),
        help_text=gettext_lazy("For example: a phone call after 5pm on 07700 900123"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args: Any, about_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [  # type: ignore[attr-defined]
            *about_choices,
            (SERVICE, _("Something the service did, or did not do")),
            (ELSE, _("Something else, or the service in general")),
        ]
        self.fields["about"].error_messages["required"] = _("Choose what it is about")
        self.fields["about"].error_messages["invalid_choice"] = _("Choose what it is about from the list")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("about") == ELSE and not data.get("about_else", "").strip():
            self.add_error("about_else", _("Say what it is about"))
        if data.get("about") == SERVICE and not data.get("service_action"):
            self.add_error("service_action", _("Choose what the service did, or choose something else"))
        return data


class RecordForm(RaiseForm):
    """The care team recording one that came by phone, on paper, by e-mail or in person."""

    received_how = forms.ChoiceField(
        label="How did it come to you?",
        widget=forms.RadioSelect,
        choices=[(value, label) for value, label in ReceivedHow.choices if value != ReceivedHow.ONLINE],
        error_messages={"required": "Say how it came to you"},
    )
    received_on = _date("Date received", "For example, 20/11/2026", required=True)
    raised_by_name = forms.CharField(
        label="Who raised it?", max_length=200, error_messages={"required": "Enter who raised it"}
    )
    raised_by_role = forms.CharField(
        label="Who are they to the person?",
        help_text="For example: the person themselves, their mother, their advocate",
        max_length=60,
        error_messages={"required": "Say who they are to the person"},
    )
    for_the_person = forms.ChoiceField(
        label="Was it raised by the person, or for them?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes: the person follows the case"), ("no", "No: someone raising their own concern")],
        error_messages={"required": "Say whether it was raised by the person or for them"},
    )
    late_accepted_reason = _words(
        "If it happened more than 12 months ago, why can it still be looked into? (optional)", rows=2, max_length=2000
    )


class NoteForm(NHSForm):
    note = _words(
        "What you told them",
        rows=3,
        max_length=2000,
        help_text="For example: rang on 24/11 and offered to meet next week; they would like a call instead",
    )


class NewDateForm(NHSForm):
    respond_by = _date("New date for the response", "For example, 19/12/2026", required=True)
    reason = _words(
        "Why it will take longer, as they will read it", rows=3, max_length=2000, required="Say why it will take longer"
    )


class RespondForm(NHSForm):
    how_looked_into = _words("How it was looked into", rows=4, max_length=6000, required="Say how it was looked into")
    found = _words("What was found", rows=4, max_length=6000, required="Say what was found")
    will_change = _words("What will change", rows=4, max_length=6000, required="Say what will change")
    apology = _words("An apology, where one is owed (optional)", rows=3, max_length=4000)


class CloseForm(NHSForm):
    referred = forms.BooleanField(label="Referred on to another organisation", required=False)
    note = forms.CharField(
        label="Note (who it was referred to; or, if it came after the time limit, why it cannot be looked into)",
        max_length=2000,
        required=False,
    )


class SatisfiedForm(NHSForm):
    answer = forms.ChoiceField(
        label=gettext_lazy("Did the response put things right for you?"),
        widget=forms.RadioSelect,
        choices=[(value, gettext_lazy(label)) for value, label in Satisfaction.Answer.choices],
        error_messages={"required": gettext_lazy("Choose yes, partly or no")},
    )
    words = _words(gettext_lazy("Anything you want to add (optional)"), rows=3, max_length=4000)


class RestorativeForm(NHSForm):
    """A restorative response, recorded with the person's agreement (safeplan/concerns/restorative.py)."""

    agreed_on = _date("Date they agreed to this being recorded", "For example, 2/12/2026", required=True)
    their_account = _words(
        "What happened, as they tell it",
        rows=5,
        max_length=6000,
        required="Say what happened as they tell it",
        help_text="In their words, as they want it kept. It stays beside the service's account, not replaced by it.",
    )
    our_account = _words(
        "What happened, as the service sees it",
        rows=5,
        max_length=6000,
        required="Say what happened as the service sees it",
    )
    apology = _words("An apology, where one is owed (optional)", rows=3, max_length=4000)
    what_changed = _words("What changed", rows=3, max_length=4000, required="Say what changed")
    changed = forms.ChoiceField(
        label="Where was the change made?",
        help_text="One of their plans or decisions, or a template or policy you describe below",
        error_messages={"required": "Choose where the change was made", "invalid_choice": "Choose from the list"},
    )
    changed_words = forms.CharField(
        label="If it was a template or policy, which one, and what in it?",
        help_text="For example: the joint crisis plan template now asks for a second crisis number",
        max_length=300,
        required=False,
    )
    learned = _words("What was learned", rows=3, max_length=4000, required="Say what was learned")

    def __init__(
        self, *args: Any, changed_choices: list[tuple[str, str]], name: str, teller: str, **kwargs: Any
    ) -> None:
        """`name`: the person, who agrees; `teller`: whoever raised it, whose account it is."""
        super().__init__(*args, **kwargs)
        self.fields["changed"].choices = [("", "Choose one"), *changed_choices]  # type: ignore[attr-defined]
        self.fields["agreed_on"].label = f"Date {name} agreed to this being recorded"
        self.fields["agreed_on"].error_messages["required"] = f"Enter the date {name} agreed to this being recorded"
        self.fields["their_account"].label = f"What happened, as {teller} tells it"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("changed") in {"template", "policy"} and not data.get("changed_words", "").strip():
            self.add_error("changed_words", "Say which template or policy changed, and what in it")
        return data
