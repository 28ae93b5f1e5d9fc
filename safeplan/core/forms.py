"""Django forms that render as NHS.UK design-system components.

A template writes `form.field.as_field_group()` and gets the right NHS macro (input, textarea, select, radios,
checkboxes) with its label, hint and error message wired up; `form.error_summary_items()` feeds the error summary.
"""

from datetime import date
from typing import TYPE_CHECKING

from django import forms
from django.forms.boundfield import BoundField
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils.translation import gettext, gettext_lazy
from markupsafe import Markup

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # (a development dependency: for the type checker only)


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a subclass of RadioSelect: ask about it first
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"


def _shown(value: object) -> str:
    """A field's value as the person would type it: a date as 23/3/2027 (the first of DATE_INPUT_FORMATS), not ISO."""
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year}"
    return str(value)


class NHSBoundField(BoundField):
    def nhs_params(self) -> dict:
        widget = self.field.widget
        attrs = self.build_widget_attrs(widget.attrs)
        params: dict = {
            "id": self.auto_id,
            "name": self.html_name,
            "label": {"text": self.label, "classes": attrs.pop("label_classes", "nhsuk-label--s")},
            "attributes": {},
        }
        if self.help_text:
            params["hint"] = {"text": self.help_text}
        if self.errors:
            said = " ".join(str(e) for e in self.errors)
            params["errorMessage"] = {"text": said, "visuallyHiddenText": gettext("Error")}
        kind = _kind(widget)
        value = self.value()
        if kind in {"input", "textarea"}:
            params["value"] = "" if value is None else _shown(value)
            if kind == "input":
                params["type"] = getattr(widget, "input_type", "text")
                if params["type"] == "password":
                    params["value"] = ""
            if "autocomplete" in attrs:
                params["autocomplete"] = attrs.pop("autocomplete")
            if "classes" in attrs:
                params["classes"] = attrs.pop("classes")
            if kind == "textarea":
                params["rows"] = attrs.pop("rows", 4)
            for key in ("maxlength", "inputmode", "spellcheck"):
                if key in attrs:
                    params["attributes"][key] = attrs.pop(key)
        else:
            chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
            params["items"] = (
                [
                    {"value": str(v), "text": str(t), "checked": str(v) in chosen, "selected": str(v) in chosen}
                    for v, t in self.field.choices
                ]
                if hasattr(self.field, "choices")
                else []
            )
            params["fieldset"] = {"legend": {"text": self.label, "classes": "nhsuk-fieldset__legend--s"}}
        if kind == "checkbox":
            params["items"] = [{"value": "on", "text": self.label, "checked": bool(value)}]
            params.pop("fieldset")
        return {"kind": kind, "params": params}

    def as_field_group(self) -> Markup:  # type: ignore[override]  # Markup, which Jinja treats as safe, like SafeString
        return Markup(render_to_string("core/field.jinja", self.nhs_params()))  # noqa: S704 - autoescaping Jinja


if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class NHSFormMixin(_FormBase):
    """Mix into any Django form (including Django's own auth forms) to render it with NHS components."""

    bound_field_class: type[BoundField] | None = NHSBoundField

    def error_summary_items(self) -> list[dict]:
        items = [{"text": str(e), "href": "#"} for e in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == "__all__":
                continue
            items += [{"text": str(e), "href": f"#{self[name].auto_id}"} for e in errors]
        return items


class NHSForm(NHSFormMixin, forms.Form):
    pass


DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %m %Y"]  # what people type for a date: 23/3/2027 above all
EXAMPLE_DATE = gettext_lazy("For example, 12/11/2026")


def day_field(
    label: "StrOrPromise", required: "StrOrPromise", help_text: "StrOrPromise" = EXAMPLE_DATE
) -> forms.DateField:
    """A date typed as people type them (23/3/2027), with a clear message when it is missing or not a date."""
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": gettext_lazy("Enter the date as day/month/year"), "required": required},
    )


def posted(request: HttpRequest) -> QueryDict | None:
    """The data of a submitted form, or None when the page is only being read. An empty POST is a form sent with
    nothing filled in and is answered with its errors; `request.POST or None` would treat it as not sent at all."""
    return request.POST if request.method == "POST" else None
