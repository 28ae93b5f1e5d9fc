"""Forms for writing in a plan. Fields come from the item's kind; whose words they are comes from who is writing."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from safeplan.core.forms import NHSForm
from safeplan.people.models import Person, SupportRelationship
from safeplan.plans.models import Mode, Plan, PlanTemplate, Voice
from safeplan.plans.plan_templates import KINDS, Field

VIEW_FIELD = Field("text", N_("Your view"), required=True, long=True, max_length=4000)


def _django_field(spec: Field) -> forms.Field:
    label = translated(spec.label)
    if spec.hidden:
        return forms.CharField(required=False, max_length=spec.max_length, widget=forms.HiddenInput)
    if spec.multiple:
        return forms.MultipleChoiceField(
            label=label,
            choices=[(value, translated(words)) for value, words in spec.choices],
            required=spec.required,
            widget=forms.CheckboxSelectMultiple,
        )
    if spec.choices:
        return forms.ChoiceField(
            label=label,
            choices=[(value, translated(words)) for value, words in spec.choices],
            required=spec.required,
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose %(what)s") % {"what": label.lower()}},
        )
    widget = forms.Textarea(attrs={"rows": 4 if spec.long else 2}) if spec.long else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=spec.max_length,
        required=spec.required,
        strip=True,
        widget=widget,
        error_messages={
            "required": _("Enter %(what)s") % {"what": label[0].lower() + label[1:]},
            "max_length": _("%(what)s must be %(most)s characters or fewer") % {"what": label, "most": spec.max_length},
        },
    )


class EntryForm(NHSForm):
    """Add or change an entry. `voice` is offered only to the care team; `based_on` only when changing."""

    def __init__(
        self,
        *args: Any,
        kind: str,
        writer_is_person: bool,
        person: Person,
        writer_support: SupportRelationship | None = None,
        **kwargs: Any,
    ) -> None:
        self.kind_fields = (VIEW_FIELD,) if kind == "view" else KINDS[kind]
        self.writer_support = writer_support  # a supporter writing from their own login
        super().__init__(*args, **kwargs)
        for spec in self.kind_fields:
            self.fields[spec.name] = _django_field(spec)
            if spec.multiple and isinstance(self.initial.get(spec.name), str):
                self.initial[spec.name] = [v for v in self.initial[spec.name].split(",") if v]
        self.writer_is_person = writer_is_person
        self.person = person

    @property
    def entry_fields(self) -> dict[str, str]:
        values = {spec.name: self.cleaned_data.get(spec.name) or "" for spec in self.kind_fields}
        return {name: ",".join(v) if isinstance(v, list) else v for name, v in values.items()}


def voice_choices(person: Person, *, is_person: bool) -> list[tuple[str, str]]:
    name = person.name_to_use
    if is_person:
        return [("person:own", _("My own words"))]
    choices = [
        ("care_team:own", "The care team's view"),
        ("person:together", f"{name}'s words, written together with them"),
        ("person:for", f"{name}'s words, written down for them"),
    ]
    for support in supporters_of(person):
        label = support.relationship or support.get_kind_display()
        choices.append((f"supporter:{support.pk}", f"{support.user}'s words ({label}), written down for them"))
    return choices


def supporters_of(person: Person) -> list[SupportRelationship]:
    return list(
        SupportRelationship.objects.filter(person=person, ended_on__isnull=True).select_related("user").order_by("pk")
    )


class NewEntryForm(EntryForm):
    voice = forms.ChoiceField(label=gettext_lazy("Whose words are these?"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = "supporter:own" if self.writer_support is not None else "person:own" if self.writer_is_person else ""
        cast(forms.ChoiceField, self.fields["voice"]).choices = (
            [(own, _("My own words"))] if own else voice_choices(self.person, is_person=False)
        )
        self.fields["voice"].error_messages["required"] = _("Choose whose words these are")
        if own:
            self.fields["voice"].initial = own
            self.fields["voice"].widget = forms.HiddenInput()
            self.fields["voice"].disabled = True  # whose words they are comes from who is signed in, not the post
            self.initial["voice"] = own

    def voice_parts(self) -> tuple[str, str, SupportRelationship | None]:
        if self.writer_support is not None:
            return Voice.SUPPORTER, Mode.OWN, self.writer_support
        kind, _colon, detail = self.cleaned_data["voice"].partition(":")
        if kind == Voice.SUPPORTER:
            support = next((s for s in supporters_of(self.person) if str(s.pk) == detail), None)
            return Voice.SUPPORTER, Mode.FOR, support
        return kind, detail, None


class ChangeEntryForm(EntryForm):
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    together = forms.BooleanField(required=False)

    def __init__(self, *args: Any, needs_together: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs_together = needs_together
        self.fields["together"].label = f"I am changing these words together with {self.person.name_to_use}"
        if needs_together:
            self.fields["together"].required = True
            self.fields["together"].error_messages["required"] = (
                f"Change {self.person.name_to_use}'s words only together with them, "
                "or add the care team's view beside them"
            )


class RemoveEntryForm(NHSForm):
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    together = forms.BooleanField(
        required=False, label=gettext_lazy("I am taking these words out together with the person")
    )


class SignForm(NHSForm):
    content_hash = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)


class StartPlanForm(NHSForm):
    template = forms.ChoiceField(label=gettext_lazy("Which plan would you like to start?"), widget=forms.RadioSelect)
    purpose = forms.CharField(
        label=gettext_lazy("If it is another plan of a kind already started, what is this one for?"),
        help_text=gettext_lazy(
            "For example: for when I am away at university. Leave it empty for a first plan of its kind."
        ),
        required=False,
        max_length=80,
    )

    def __init__(
        self, *args: Any, templates: list[PlanTemplate], existing: dict[str, Plan], name: str | None, **kwargs: Any
    ) -> None:
        """`existing`: the person's plans by template key (the first of each kind); `name`: the name the person
        likes to be called, for staff ("Ro already has one"), or None when the person is the reader ("you")."""
        super().__init__(*args, **kwargs)
        self.templates = {str(t.pk): t for t in templates}
        self.existing = existing
        self.name = name
        self.duplicate_of: Plan | None = None

        def label(t: PlanTemplate) -> str:
            title = translated(t.title)
            if t.key not in existing:
                return title
            return (
                _("%(title)s (you already have one)") % {"title": title}
                if name is None
                else f"{title} ({name} already has one)"
            )

        cast(forms.ChoiceField, self.fields["template"]).choices = [(str(t.pk), label(t)) for t in templates]
        self.fields["template"].error_messages["required"] = _("Choose which plan to start")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        template = self.templates.get(data.get("template", ""))
        if template is not None and template.key in self.existing and not data.get("purpose", "").strip():
            self.duplicate_of = self.existing[template.key]
            title = translated(template.title)
            self.add_error(
                "purpose",
                _(
                    "You already have “%(title)s”. Open it, or start another for a different purpose and say what "
                    "this one is for"
                )
                % {"title": title}
                if self.name is None
                else f"{self.name} already has “{title}”. Open it, or start another for a different purpose "
                "and say what this one is for",
            )
        return data
