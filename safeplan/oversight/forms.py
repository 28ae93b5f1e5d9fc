"""Forms for improvement cycles."""

from typing import Any

from django import forms

from safeplan.core.forms import DATE_INPUT_FORMATS, NHSForm
from safeplan.oversight.models import NEXT_STEPS

DATE_ERRORS = {"invalid": "Enter the date as day/month/year"}


class CycleForm(NHSForm):
    title = forms.CharField(
        label="What shall we call this cycle?",
        max_length=120,
        help_text="For example: Agreeing crisis plans before people leave hospital",
        error_messages={"required": "Give the cycle a short name"},
    )
    aim = forms.CharField(
        label="What are we trying to achieve?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Plan: the aim, for the people we care for",
        error_messages={"required": "Say what the cycle is trying to achieve"},
    )
    change = forms.CharField(
        label="What change will we try?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what change you will try"},
    )
    measures = forms.MultipleChoiceField(
        label="Which measures should show whether it worked?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one measure", "invalid_choice": "Choose from the list"},
    )
    prediction = forms.CharField(
        label="What do we predict will happen?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: more people will have an agreed crisis plan within two months",
        error_messages={"required": "Say what you predict will happen"},
    )
    team = forms.ChoiceField(label="Where", required=False, error_messages={"invalid_choice": "Choose from the list"})
    starts_on = forms.DateField(
        label="First day",
        help_text="For example, 1/12/2026",
        input_formats=DATE_INPUT_FORMATS,
        error_messages={**DATE_ERRORS, "required": "Enter the first day"},
    )
    ends_on = forms.DateField(
        label="Last day",
        help_text="The figures before are for a period as long as this one, just before it starts",
        input_formats=DATE_INPUT_FORMATS,
        error_messages={**DATE_ERRORS, "required": "Enter the last day"},
    )

    def __init__(self, *args: Any, measures: list[tuple[str, str]], teams: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = measures  # type: ignore[attr-defined]
        self.fields["team"].choices = teams  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The last day must be on or after the first day")
        if starts and ends and (ends - starts).days > 366:
            self.add_error("ends_on", "A cycle lasts a year at most: try a shorter one, then the next")
        return cleaned


class LearningForm(NHSForm):
    learned = forms.CharField(
        label="What did we learn?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Study: compare the figures with what was predicted, and what people said",
        error_messages={"required": "Say what was learned"},
    )
    next_step = forms.ChoiceField(
        label="What happens next?",
        widget=forms.RadioSelect,
        choices=NEXT_STEPS,
        error_messages={"required": "Choose what happens next", "invalid_choice": "Choose from the list"},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)
