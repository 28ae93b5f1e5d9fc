"""Forms for a crisis contact or leaving hospital, and the contact afterwards."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from safeplan.core.forms import NHSForm, day_field
from safeplan.followup.models import CrisisEvent, FollowUp

TIME_FORMATS = ["%H:%M", "%H.%M", "%I:%M%p", "%I.%M%p", "%I%p"]


def _when(label: str) -> tuple[forms.DateField, forms.TimeField]:
    return (
        day_field(f"{label}: date", "Enter the date"),
        forms.TimeField(
            label=f"{label}: time",
            help_text="For example, 14:30 or 2:30pm",
            input_formats=TIME_FORMATS,
            widget=forms.TextInput(attrs={"classes": "nhsuk-input--width-5"}),
            error_messages={"invalid": "Enter the time as 14:30 or 2:30pm", "required": "Enter the time"},
        ),
    )


def joined(data: dict[str, Any], day: str, time: str) -> datetime:
    return timezone.make_aware(datetime.combine(data[day], data[time]))


class EventForm(NHSForm):
    kind = forms.ChoiceField(
        label="What happened?",
        widget=forms.RadioSelect,
        choices=CrisisEvent.Kind.choices,
        error_messages={"required": "Choose what happened", "invalid_choice": "Choose from the list"},
    )
    happened_on, happened_time = _when("When")
    where = forms.CharField(
        label="Where, or who with (optional)",
        help_text="For example, the crisis team, or Ward 3",
        max_length=200,
        required=False,
    )


class FollowUpForm(NHSForm):
    event = forms.IntegerField(widget=forms.HiddenInput)
    contacted_on, contacted_time = _when("When")
    how = forms.ChoiceField(
        label="How?",
        widget=forms.RadioSelect,
        choices=FollowUp.How.choices,
        error_messages={"required": "Choose how you were in touch", "invalid_choice": "Choose from the list"},
    )
    reached = forms.TypedChoiceField(
        label="Did you speak with them?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No, not yet (a message left, no answer)")],
        coerce=lambda value: value == "yes",
        error_messages={"required": "Say whether you spoke with them", "invalid_choice": "Choose from the list"},
    )
    note = forms.CharField(
        label="Anything to note (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InErrorForm(NHSForm):
    event = forms.IntegerField(widget=forms.HiddenInput)
    why = forms.CharField(
        label="Why was it recorded in error?",
        help_text="For example: saved twice, or the wrong person. It stays in the record with this, and is no longer "
        "flagged or counted",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why it was recorded in error"},
    )
