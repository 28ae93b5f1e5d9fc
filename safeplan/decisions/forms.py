from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from constants, not literals to extract
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from safeplan.core.forms import DATE_INPUT_FORMATS, NHSForm
from safeplan.decisions import presenters
from safeplan.decisions.models import LaterHarm, LegalCheck, Option, View
from safeplan.people.models import Person, SupportRelationship

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # (a development dependency: for the type checker only)

YES_NO = [("yes", N_("Yes")), ("no", N_("No"))]
DATE_FORMATS = DATE_INPUT_FORMATS


# Labels the person reads are gettext_lazy (the form's fields are made once, read in each reader's language); the
# care team's own labels stay English. Error messages are made from the label when they are shown, in its language.
def _what(label: "StrOrPromise", *, keep_question_mark: bool = False) -> str:
    text = str(label)
    text = text[0].lower() + text[1:]
    return text if keep_question_mark else text.rstrip("?")


def _enter(label: "StrOrPromise", keep_question_mark: bool = False) -> str:
    return _("Enter %(what)s") % {"what": _what(label, keep_question_mark=keep_question_mark)}


def _choose(label: "StrOrPromise") -> str:
    return _("Choose %(what)s") % {"what": _what(label)}


_enter_lazy = lazy(_enter, str)
_choose_lazy = lazy(_choose, str)


def _text(
    label: "StrOrPromise", *, required: bool = True, rows: int = 3, limit: int = 4000, hint: "StrOrPromise" = ""
) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        help_text=hint,
        widget=widget,
        error_messages={"required": _enter_lazy(label)},
    )


DATE_HINT = gettext_lazy("For example, 23/3/2027")


def _date(label: "StrOrPromise", hint: "StrOrPromise" = DATE_HINT) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=hint,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": _enter_lazy(label, True),
            "invalid": gettext_lazy("Enter the date as day/month/year"),
        },
    )


def _radios(label: "StrOrPromise", choices: Sequence[tuple[str, object]], required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": _choose_lazy(label)},
    )


def _for_the_person(form: forms.Form, labels: dict[str, str]) -> None:
    """The person's words on some fields (staff keep the form's own), with the error messages to match."""
    for name, label in labels.items():
        field = form.fields[name]
        field.label = label
        asking = _choose(label) if isinstance(field.widget, forms.RadioSelect) else _enter(label)
        field.error_messages = {**field.error_messages, "required": asking}


def _in_words(choices: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Choices safeplan defines in English (N_), in the reader's language."""
    return [(value, translated(label)) for value, label in choices]


def _option_choices(options: list[Option]) -> list[tuple[str, str]]:
    return [(str(o.pk), presenters.option_title(o)) for o in options]


class StartForm(NHSForm):
    question = _text(
        gettext_lazy("What is the decision?"),
        rows=0,
        limit=300,
        hint=gettext_lazy("In plain words, for example: Should I go home this weekend?"),
    )
    context = _text(gettext_lazy("What is happening that makes this decision matter now?"), required=False)


class OptionForm(NHSForm):
    title = _text(
        gettext_lazy("What is the option?"),
        rows=0,
        limit=200,
        hint=gettext_lazy("For example: Home treatment instead of admission"),
    )
    benefits = _text(gettext_lazy("What good could come of it?"), required=False)
    harms_now = _text(gettext_lazy("What could go wrong now?"), required=False)


class LaterHarmForm(NHSForm):
    area = _radios(gettext_lazy("Which part of life could it harm later?"), LaterHarm.Area.choices)
    description = _text(gettext_lazy("How could it harm it?"), limit=2000)
    likelihood = _radios(gettext_lazy("How likely does it seem?"), LaterHarm.Likelihood.choices)
    seriousness = _radios(gettext_lazy("How serious would it be?"), LaterHarm.Seriousness.choices)

    def __init__(self, *args: Any, is_person: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = presenters.areas(is_person)
        cast(forms.ChoiceField, self.fields["likelihood"]).choices = _in_words(LaterHarm.Likelihood.choices)
        cast(forms.ChoiceField, self.fields["seriousness"]).choices = _in_words(LaterHarm.Seriousness.choices)


class ViewForm(NHSForm):
    whose = _radios("Whose view is this?", [])
    preferred = _radios("Which option do they prefer?", [])
    reasons = _text(gettext_lazy("Why?"))

    def __init__(
        self,
        *args: Any,
        options: list[Option],
        person: Person,
        is_person: bool,
        supporters: list[SupportRelationship],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.supporters = {str(s.pk): s for s in supporters}
        whose = [
            ("practitioner", "My own view, as a practitioner"),
            ("person", f"{person.name_to_use}'s view, written down for them"),
        ]
        whose += [
            (str(s.pk), f"{s.user}'s view ({s.relationship or s.get_kind_display()}), written down for them")
            for s in supporters
        ]
        if is_person:
            whose = [("person", "My view")]
            self.fields["whose"].widget = forms.HiddenInput()
            self.initial["whose"] = "person"
            _for_the_person(self, {"preferred": _("Which option do you prefer?")})
        cast(forms.ChoiceField, self.fields["whose"]).choices = whose
        self.options = {str(o.pk): o for o in options}
        cast(forms.ChoiceField, self.fields["preferred"]).choices = [
            *_option_choices(options),
            ("none", _("No preference yet")),
        ]

    def voice_and_supporter(self) -> tuple[str, SupportRelationship | None]:
        whose = self.cleaned_data["whose"]
        if whose in ("practitioner", "person"):
            return whose, None
        supporter = self.supporters.get(whose)
        return (View.Voice.ADVOCATE if supporter and supporter.kind == "advocate" else View.Voice.SUPPORTER), supporter


class CapacityForm(NHSForm):
    understand = _radios("Can they understand the information about this decision?", YES_NO)
    retain = _radios("Can they keep it in mind long enough to decide?", YES_NO)
    weigh = _radios("Can they weigh it up?", YES_NO)
    communicate = _radios("Can they tell you their decision, in any way?", YES_NO)
    fluctuating = forms.BooleanField(label="Their capacity comes and goes", required=False)
    review_on = forms.DateField(
        label="When will you look at capacity again?",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="Needed if capacity comes and goes. For example, 23/3/2027",
        error_messages={"invalid": "Enter the date as day/month/year"},
    )
    notes = _text("What did you find, and how did you support them to decide?")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("fluctuating") and not data.get("review_on"):
            self.add_error("review_on", "Enter when you will look at capacity again, because it comes and goes")
        if data.get("review_on") and data["review_on"] <= timezone.localdate():
            self.add_error("review_on", "The date to look again must be in the future")
        return data


class LegalForm(NHSForm):
    framework = _radios("Which framework?", LegalCheck.Framework.choices)
    applies = _radios("Does it bear on this decision?", YES_NO)
    note = _text("How, and what follows from it?", required=False)

    def __init__(self, *args: Any, is_person: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["framework"]).choices = presenters.frameworks(is_person)
        if is_person:
            cast(forms.ChoiceField, self.fields["applies"]).choices = _in_words(YES_NO)
            _for_the_person(
                self,
                {
                    "framework": _("Which law?"),
                    "applies": _("Does it apply to this decision?"),
                    "note": _("How, and what does it mean for the decision?"),
                },
            )


class AgreementForm(NHSForm):
    chosen = _radios(gettext_lazy("Which option was chosen?"), [])
    person_will = _text("What will the person do?", required=False, limit=2000)
    staff_will = _text("What will staff do?", required=False, limit=2000)
    others_will = _text(gettext_lazy("What will anyone else do?"), required=False, limit=2000)
    look_again_if = _text(gettext_lazy("What would make us look at this again?"), limit=2000)
    review_on = _date(gettext_lazy("When will we review it?"))

    def __init__(self, *args: Any, options: list[Option], is_person: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = {str(o.pk): o for o in options}
        cast(forms.ChoiceField, self.fields["chosen"]).choices = _option_choices(options)
        if is_person:
            _for_the_person(
                self, {"person_will": _("What will you do?"), "staff_will": _("What will your care team do?")}
            )


class AgainstPreferenceForm(NHSForm):
    reason = _text("Why does the decision have to go against their preference?")


class OutcomeForm(NHSForm):
    what_happened = _text(gettext_lazy("What happened?"))
    what_we_learned = _text(gettext_lazy("What have we learned?"), required=False)
