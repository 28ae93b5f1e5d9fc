from datetime import date
from typing import Any, cast

from django import forms

from safeplan.core.forms import DATE_INPUT_FORMATS, NHSForm
from safeplan.plans.models import Plan

DATE_FORMATS = DATE_INPUT_FORMATS


class ShareForm(NHSForm):
    """For one supporter: which sections of each of the person's plans they see, and until when."""

    ends_on = forms.DateField(
        label="Until when? (optional)",
        help_text="Leave it empty to share until you stop it. For example, 31/12/2026",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter the date as day/month/year"},
    )

    def __init__(self, *args: Any, plans: list[Plan], name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plans = plans
        for plan in plans:
            field = forms.MultipleChoiceField(
                label=f"From “{plan.title}”, {name} sees",
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(s["key"], s["title"]) for s in plan.template.sections],
                help_text="Choose the sections to share. Nothing else in the plan is shown.",
            )
            self.fields[f"plan-{plan.pk}"] = field
        self.order_fields([f"plan-{plan.pk}" for plan in plans] + ["ends_on"])

    def sections_for(self, plan: Plan) -> set[str]:
        return set(cast(list[str], self.cleaned_data.get(f"plan-{plan.pk}", [])))

    def clean_ends_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("ends_on")
        if value is not None and value < date.today():
            raise forms.ValidationError("The last day to share it cannot be in the past")
        return value


class InviteForm(NHSForm):
    kind = forms.ChoiceField(
        label="Who are they to you?",
        widget=forms.RadioSelect,
        choices=[
            ("supporter", "A supporter: family, a friend, a carer or a peer"),
            ("advocate", "An independent advocate"),
        ],
        error_messages={"required": "Choose whether they are a supporter or an advocate"},
    )
    name = forms.CharField(label="Their name", max_length=200, error_messages={"required": "Enter their name"})
    relationship = forms.CharField(
        label="How do you know them? (optional)", help_text="For example: my sister", max_length=100, required=False
    )
    email = forms.EmailField(
        label="Their e-mail address",
        max_length=254,
        error_messages={
            "required": "Enter their e-mail address",
            "invalid": "Enter an e-mail address like name@example.com",
        },
    )
    person_agreed_on = forms.DateField(
        label="When did the person agree to invite them?",
        help_text="For example, 24/11/2026",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter the date as day/month/year"},
    )
    confirmed = forms.BooleanField(
        label="I have checked: this is not the person on the do-not-contact list, or the plan has changed",
        required=False,
    )

    def __init__(self, *args: Any, for_care_team: bool, ask_to_confirm: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not for_care_team:
            del self.fields["person_agreed_on"]
        else:
            self.fields["person_agreed_on"].required = True
            self.fields["person_agreed_on"].error_messages["required"] = "Enter when the person agreed"
        if not ask_to_confirm and not (self.is_bound and self.data.get("confirmed")):
            del self.fields["confirmed"]


class NewAccountForm(NHSForm):
    """For someone accepting an invitation who has no safeplan account yet."""

    display_name = forms.CharField(label="Your name", max_length=200)
    username = forms.RegexField(
        label="Choose a username",
        regex=r"^[\w.@+-]{3,150}$",
        max_length=150,
        help_text="Letters, numbers and . @ + - _ only",
        error_messages={"invalid": "Use letters, numbers and . @ + - _ only, at least 3 of them"},
    )
    password = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. A few words you will remember is good.",
    )

    def clean_username(self) -> str:
        from safeplan.people.models import User

        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken. Choose another, or sign in if it is yours")
        return username

    def clean_password(self) -> str:
        from django.contrib.auth.password_validation import validate_password

        password: str = self.cleaned_data["password"]
        validate_password(password)
        return password
