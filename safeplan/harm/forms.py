from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_lazy

from safeplan.core.forms import NHSForm
from safeplan.harm.kinds import TO_HAND
from safeplan.harm.models import CheckIn, Technique
from safeplan.plans.models import Entry

OWN = "own"


class TechniqueForm(NHSForm):
    technique = forms.ChoiceField(label=gettext_lazy("Which technique?"), widget=forms.RadioSelect)
    own_name = forms.CharField(
        label=gettext_lazy("If it is your own, what do you call it?"), required=False, max_length=120
    )
    needs = forms.CharField(
        label=gettext_lazy("What do you need for it?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    to_hand = forms.ChoiceField(
        label=gettext_lazy("Do you have it to hand?"), choices=TO_HAND, required=False, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label=gettext_lazy("How do you use it?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, techniques: list[Technique], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.techniques = {str(t.pk): t for t in techniques}
        choices = [
            (str(t.pk), t.name if t.endorsed else _("%(name)s (not one your service recommends)") % {"name": t.name})
            for t in techniques
        ]
        cast(forms.ChoiceField, self.fields["technique"]).choices = [*choices, (OWN, _("My own technique"))]
        cast(forms.ChoiceField, self.fields["to_hand"]).choices = [(value, translated(w)) for value, w in TO_HAND]
        self.fields["technique"].error_messages["required"] = _("Choose a technique, or your own")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("technique") == OWN and not (data.get("own_name") or "").strip():
            self.add_error("own_name", _("Enter what you call your own technique"))
        return data

    def entry_fields(self) -> dict[str, str]:
        chosen = self.techniques.get(self.cleaned_data["technique"])
        return {
            "technique_id": str(chosen.pk) if chosen else "",
            "name": chosen.name if chosen else self.cleaned_data["own_name"].strip(),
            "needs": self.cleaned_data.get("needs") or (chosen.needs if chosen else ""),
            "to_hand": self.cleaned_data.get("to_hand") or "",
            "notes": self.cleaned_data.get("notes") or "",
        }


class ConversationForm(NHSForm):
    note = forms.CharField(
        label="What did you talk about and agree?",
        max_length=2000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Write what you talked about and agreed",
            "min_length": "Write a few words about what you talked about and agreed",
        },
    )


class CheckInForm(NHSForm):
    technique = forms.ChoiceField(label=gettext_lazy("Which technique did you use?"), widget=forms.RadioSelect)
    used_on = forms.DateField(
        label=gettext_lazy("When did you use it?"),
        help_text=gettext_lazy("For example, 23/11/2026"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d", "%d %m %Y"],
        error_messages={
            "required": gettext_lazy("Enter the day you used it"),
            "invalid": gettext_lazy("Enter the day as day/month/year"),
        },
    )
    helped = forms.TypedChoiceField(
        label=gettext_lazy("How much did it help?"), choices=CheckIn.HELPED, coerce=int, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("Anything you want to remember about it (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    share = forms.BooleanField(label=gettext_lazy("Share this check-in with my care team"), required=False)

    def __init__(self, *args: Any, techniques: list[tuple[Entry, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["technique"]).choices = [
            (str(entry.pk), name) for entry, name in techniques
        ]
        cast(forms.ChoiceField, self.fields["helped"]).choices = [(value, translated(w)) for value, w in CheckIn.HELPED]
        self.fields["technique"].error_messages["required"] = _("Choose the technique you used")
        self.fields["helped"].error_messages["required"] = _("Choose how much it helped")
        self.initial.setdefault("used_on", timezone.localdate().strftime("%d/%m/%Y"))

    def clean_used_on(self) -> date:
        used_on = self.cleaned_data["used_on"]
        if used_on > timezone.localdate():
            raise forms.ValidationError(_("The day you used it cannot be in the future"))
        return used_on
