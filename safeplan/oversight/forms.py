"""Forms for improvement cycles."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from safeplan.core.forms import NHSForm, day_field
from safeplan.oversight.models import NEXT_STEPS, REFRESH_YEARS, Course, PolicyStatement, PracticeStory


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
    starts_on = day_field(
        "First day",
        "Enter the first day",
        "For example, 1/12/2026. A cycle runs in whole months, from the first of this month",
    )
    ends_on = day_field(
        "Last day",
        "Enter the last day",
        "To the end of this month. The figures before are for as many months, just before it starts",
    )

    def __init__(self, *args: Any, measures: list[tuple[str, str]], teams: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = measures  # type: ignore[attr-defined]
        self.fields["team"].choices = teams  # type: ignore[attr-defined]
        if all(value for value, _ in teams):  # a team lead: one of their teams, never the whole organisation
            self.fields["team"].required = True
            self.fields["team"].error_messages["required"] = "Choose one of your teams"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The last day must be on or after the first day")
        if starts and ends and (ends - starts).days > 366:
            self.add_error("ends_on", "A cycle lasts a year at most: try a shorter one, then the next")
        latest = timezone.localdate() + timedelta(days=730)
        if starts and not date(2000, 1, 1) <= starts <= latest:
            self.add_error("starts_on", f"Enter a date from 2000 to {latest:%Y}")
        if ends and not date(2000, 1, 1) <= ends <= latest:
            self.add_error("ends_on", f"Enter a date from 2000 to {latest:%Y}")
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


class TrainingForm(NHSForm):
    user = forms.ChoiceField(
        label="Who",
        error_messages={"required": "Choose who did the course", "invalid_choice": "Choose from the list"},
    )
    course = forms.ChoiceField(
        label="Which course",
        widget=forms.RadioSelect,
        choices=Course.choices,
        error_messages={"required": "Choose the course", "invalid_choice": "Choose from the list"},
    )
    completed_on = day_field("When they finished it", "Enter when they finished it")
    refresh_years = forms.IntegerField(
        label="Refresher due after (years)",
        initial=REFRESH_YEARS,
        min_value=1,
        max_value=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "classes": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter after how many years a refresher is due",
            "invalid": "Enter a whole number of years, from 1 to 5",
            "min_value": "Enter a whole number of years, from 1 to 5",
            "max_value": "Enter a whole number of years, from 1 to 5",
        },
    )
    with_lived_experience = forms.BooleanField(
        label="It was designed or delivered with people who use services", required=False
    )

    def __init__(self, *args: Any, staff: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "Choose someone"), *staff]  # type: ignore[attr-defined]

    def clean_completed_on(self) -> Any:
        day = self.cleaned_data["completed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future")
        return day


class PolicyForm(NHSForm):
    kind = forms.ChoiceField(
        label="Which",
        widget=forms.RadioSelect,
        choices=PolicyStatement.Kind.choices,
        error_messages={"required": "Choose which it is", "invalid_choice": "Choose from the list"},
    )
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter its title"})
    summary = forms.CharField(
        label="What it commits the service to",
        help_text="In plain words, as staff and the people we care for would read it",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what it commits the service to"},
    )
    link = forms.URLField(
        label="Where it is published (optional)",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://www.example.nhs.uk/policies"},
    )
    approved_on = day_field("When it was approved", "Enter when it was approved")
    review_on = day_field("When it will be reviewed", "Enter when it will be reviewed", help_text="")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        approved, review = cleaned.get("approved_on"), cleaned.get("review_on")
        if approved and review and review <= approved:
            self.add_error("review_on", "The review must be after it was approved")
        return cleaned


class StoryForm(NHSForm):
    kind = forms.ChoiceField(
        label="What is it about?",
        widget=forms.RadioSelect,
        choices=PracticeStory.Kind.choices,
        error_messages={"required": "Choose what it is about", "invalid_choice": "Choose from the list"},
    )
    title = forms.CharField(
        label="A short title",
        max_length=120,
        help_text="For example: Going back to the allotment after leaving hospital",
        error_messages={"required": "Give the story a title"},
    )
    story = forms.CharField(
        label="The story",
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What was decided or tried, with whom, and what happened. Leave out names, ages, places, dates and "
        "anything else that could identify them",
        error_messages={"required": "Write the story"},
    )
    learned = forms.CharField(
        label="What can others learn from it?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what others can learn from it"},
    )
    agreed_on = day_field(
        "When they agreed to it being shared",
        "Enter when they agreed, or do not write the story",
        "Write nothing here without their agreement. They can take it back at any time, from their record",
    )
    nothing_identifying = forms.BooleanField(
        label="I have taken out anything that could identify them",
        error_messages={"required": "Check the story for anything that could identify them, then tick the box"},
    )
