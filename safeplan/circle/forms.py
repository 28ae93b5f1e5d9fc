from datetime import date
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_lazy

from safeplan.circle.presenters import shown_title
from safeplan.core.forms import DATE_INPUT_FORMATS, NHSForm
from safeplan.people.capabilities import Shareable
from safeplan.people.shares import ADVOCACY_SCOPES, WHOLE, Share

DATE_FORMATS = DATE_INPUT_FORMATS


class ShareForm(NHSForm):
    """For one supporter: which parts of each thing the person may share they see, where they may add their own
    words, and until when. Things shared whole (decisions) are ticked in one list per kind."""

    ends_on = forms.DateField(
        label=gettext_lazy("Until when? (optional)"),
        help_text=gettext_lazy("Leave it empty to share until you stop it. For example, 31/12/2026"),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": gettext_lazy("Enter the date as day/month/year")},
    )

    def __init__(self, *args: Any, items: list[Shareable], name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        order = []
        for item in items:
            title = shown_title(item.title)
            parts = [(key, translated(part_title)) for key, part_title in item.parts]
            if item.parts:
                field = forms.MultipleChoiceField(
                    label=_("From “%(title)s”, %(name)s sees") % {"title": title, "name": name},
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    choices=parts,
                    help_text=_("Choose the sections to share. Nothing else is shown."),
                )
                self.fields[_sees(item)] = field
                order.append(_sees(item))
            if item.parts and item.addable:
                self.fields[_adds(item)] = forms.MultipleChoiceField(
                    label=_("In “%(title)s”, where may %(name)s add their own words?") % {"title": title, "name": name},
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    choices=parts,
                    help_text=_(
                        "Only in sections you share with %(name)s. They write in their own name and cannot change "
                        "anyone else's words. You can hide what they write from your care team, or take it out."
                    )
                    % {"name": name},
                )
                order.append(_adds(item))
        for kind, group in _whole_groups(items).items():
            self.fields[f"whole-{kind}"] = forms.MultipleChoiceField(
                label=_("%(group)s: %(name)s sees") % {"group": translated(group[0].group), "name": name},
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(item.object_id, shown_title(item.title)) for item in group],
                help_text=_("Each one you tick is shared whole."),
            )
            order.append(f"whole-{kind}")
        self.order_fields([*order, "ends_on"])

    def parts_for(self, item: Shareable) -> set[str]:
        if not item.parts:
            return {WHOLE} if item.object_id in self.cleaned_data.get(f"whole-{item.object_type}", []) else set()
        return set(cast(list[str], self.cleaned_data.get(_sees(item), [])))

    def adds_for(self, item: Shareable) -> set[str]:
        return set(cast(list[str], self.cleaned_data.get(_adds(item), []))) if item.addable and item.parts else set()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for item in self.items:
            if item.parts and item.addable and not set(data.get(_adds(item), [])) <= set(data.get(_sees(item), [])):
                self.add_error(_adds(item), _("To let them add their own words to a section, share that section too"))
        return data

    def clean_ends_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("ends_on")
        if value is not None and value < date.today():
            raise forms.ValidationError(_("The last day to share it cannot be in the past"))
        return value

    def groups(self) -> list[tuple[Shareable, list[str], bool]]:
        """For the page: each thing shared by parts, its field names, and whether to show it open (something of it
        is shared, or it has an error), so a phone shows one short list per plan rather than every section at once."""
        found = []
        for item in self.items:
            if not item.parts:
                continue
            names = [name for name in (_sees(item), _adds(item)) if name in self.fields]
            chosen = any(self[name].value() for name in names) or any(name in self.errors for name in names)
            found.append((item, names, bool(chosen)))
        return found

    @staticmethod
    def shown(item: Shareable) -> str:
        """A thing's title as the page heads its group, in the reader's language."""
        return shown_title(item.title)

    def other_fields(self) -> list[str]:
        """The fields not in a group: things shared whole, and the end date."""
        grouped = {name for _item, names, _open in self.groups() for name in names}
        return [name for name in self.fields if name not in grouped]

    @staticmethod
    def initial_from(shares: list[Share]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for share in shares:
            key = f"{share.object_type}-{share.object_id}"
            if share.part == WHOLE:
                initial.setdefault(f"whole-{share.object_type}", []).append(share.object_id)
            else:
                initial.setdefault(f"sees-{key}", []).append(share.part)
            if share.may_add:
                initial.setdefault(f"adds-{key}", []).append(share.part)
            initial["ends_on"] = share.ends_on
        return initial


def _sees(item: Shareable) -> str:
    return f"sees-{item.object_type}-{item.object_id}"


def _adds(item: Shareable) -> str:
    return f"adds-{item.object_type}-{item.object_id}"


def _whole_groups(items: list[Shareable]) -> dict[str, list[Shareable]]:
    groups: dict[str, list[Shareable]] = {}
    for item in items:
        if not item.parts:
            groups.setdefault(item.object_type, []).append(item)
    return groups


class ActingForYouForm(NHSForm):
    """What an independent advocate may do on the person's behalf, beyond reading and helping to write."""

    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("What else may they do for you?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(ADVOCACY_SCOPES.items()),
        help_text=gettext_lazy("You can change this or stop it at any time."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scopes = cast(forms.MultipleChoiceField, self.fields["scopes"])
        scopes.choices = [(key, translated(words)) for key, words in ADVOCACY_SCOPES.items()]


class InviteForm(NHSForm):
    """The person's, or their care team's (who also say when the person agreed: staff words, in English)."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Who are they to you?"),
        widget=forms.RadioSelect,
        choices=[
            ("supporter", gettext_lazy("A supporter: family, a friend, a carer or a peer")),
            ("advocate", gettext_lazy("An independent advocate")),
        ],
        error_messages={"required": gettext_lazy("Choose whether they are a supporter or an advocate")},
    )
    name = forms.CharField(
        label=gettext_lazy("Their name"), max_length=200, error_messages={"required": gettext_lazy("Enter their name")}
    )
    relationship = forms.CharField(
        label=gettext_lazy("How do you know them? (optional)"),
        help_text=gettext_lazy("For example: my sister"),
        max_length=100,
        required=False,
    )
    email = forms.EmailField(
        label=gettext_lazy("Their e-mail address"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter their e-mail address"),
            "invalid": gettext_lazy("Enter an e-mail address like name@example.com"),
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
        label=gettext_lazy(
            "I have checked: this is not the person on the do-not-contact list, or the plan has changed"
        ),
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


class CarerNeedsForm(NHSForm):
    needs = forms.CharField(
        label="What do you need, as someone who cares for them?",
        help_text="For example: a break now and then, to know who to ring at night, help with my own sleep.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write what you need as a carer"},
    )
    person_may_see = forms.BooleanField(
        label="They may read this too",
        required=False,
        help_text="Leave it unticked to keep it between you and the care team.",
    )
    offered_on = forms.DateField(
        label="When were you offered a carer's assessment? (optional)",
        help_text="For example, 3/11/2026. Leave it empty if nobody has offered you one yet.",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter the date as day/month/year"},
    )

    def __init__(self, *args: Any, name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person_may_see"].label = f"{name} may read this too"


class AssessmentOfferForm(NHSForm):
    """Prefixed with the supporter's relationship id, so each supporter's form on the page has its own field ids."""

    offered_on = forms.DateField(
        label="Date a carer's assessment was offered",
        help_text="For example, 24/11/2026",
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter the date as day/month/year", "required": "Enter the date it was offered"},
    )
