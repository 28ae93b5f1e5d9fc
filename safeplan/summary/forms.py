"""Forms for the summary's own words: about me, a goal, an appointment attended."""

from typing import Any

from django import forms

from safeplan.core.forms import DATE_INPUT_FORMATS, NHSForm


class AboutMeForm(NHSForm):
    words = forms.CharField(
        label="What I want people to know about me",
        help_text="In your own words. For example: what you are like, what you love doing, what helps when we meet.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write what you want people to know, or leave this page"},
    )


class GoalForm(NHSForm):
    words = forms.CharField(
        label="What do you want to do in your life?",
        help_text="For example: go back to college, run a 5k, have my son to stay at weekends",
        max_length=300,
        error_messages={"required": "Say what you want to do"},
    )
    steps = forms.CharField(
        label="Steps towards it (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    who_helps = forms.CharField(label="Who helps with it (optional)", max_length=300, required=False)
    serves = forms.MultipleChoiceField(
        label="Which plans or decisions help with it? (optional)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the list"},
    )
    ended = forms.BooleanField(label="Done, or no longer a goal (it stays on the page)", required=False)
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
        label="Date of the appointment",
        help_text="For example, 12/11/2026",
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": "Enter the date as day/month/year", "required": "Enter the date of the appointment"},
    )
    what = forms.CharField(
        label="What was it?",
        help_text="For example: with my care coordinator, at the clinic",
        max_length=200,
        error_messages={"required": "Say what the appointment was"},
    )
