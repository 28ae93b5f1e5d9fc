"""Forms for the summary's own words: about me, a goal, an appointment attended."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from safeplan.core.forms import DATE_INPUT_FORMATS, NHSForm


class AboutMeForm(NHSForm):
    words = forms.CharField(
        label=gettext_lazy("What I want people to know about me"),
        help_text=gettext_lazy(
            "In your own words. For example: what you are like, what you love doing, what helps when we meet."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Write what you want people to know, or leave this page")},
    )


class GoalForm(NHSForm):
    words = forms.CharField(
        label=gettext_lazy("What do you want to do in your life?"),
        help_text=gettext_lazy("For example: go back to college, run a 5k, have my son to stay at weekends"),
        max_length=300,
        error_messages={"required": gettext_lazy("Say what you want to do")},
    )
    steps = forms.CharField(
        label=gettext_lazy("Steps towards it (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    who_helps = forms.CharField(label=gettext_lazy("Who helps with it (optional)"), max_length=300, required=False)
    serves = forms.MultipleChoiceField(
        label=gettext_lazy("Which plans or decisions help with it? (optional)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose from the list")},
    )
    ended = forms.BooleanField(label=gettext_lazy("Done, or no longer a goal (it stays on the page)"), required=False)
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, serves: list[tuple[str, str]], changing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["serves"].choices = serves  # type: ignore[attr-defined]
        if not serves:
            del self.fields["serves"]
        if not changing:
            del self.fields["ended"]


class AttendanceForm(NHSForm):
    attended_on = forms.DateField(
        label=gettext_lazy("Date of the appointment"),
        help_text=gettext_lazy("For example, 12/11/2026"),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "invalid": gettext_lazy("Enter the date as day/month/year"),
            "required": gettext_lazy("Enter the date of the appointment"),
        },
    )
    what = forms.CharField(
        label=gettext_lazy("What was it?"),
        help_text=gettext_lazy("For example: with my care coordinator, at the clinic"),
        max_length=200,
        error_messages={"required": gettext_lazy("Say what the appointment was")},
    )
