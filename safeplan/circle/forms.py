from datetime import date
from typing import Any, cast

from django import forms

from safeplan.core.forms import NHSForm
from safeplan.plans.models import Plan

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


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
