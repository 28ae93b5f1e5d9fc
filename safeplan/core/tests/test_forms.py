"""Form fields render as the NHS component that matches their widget."""

from django import forms

from safeplan.core.forms import NHSForm


class Choices(NHSForm):
    several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
    one = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_a_multiple_choice_renders_as_checkboxes_and_a_single_choice_as_radios():
    form = Choices(initial={"several": ["a", "b"]})
    several = str(form["several"].as_field_group())
    assert several.count('type="checkbox"') == 2 and 'type="radio"' not in several
    assert several.count("checked") == 2
    one = str(form["one"].as_field_group())
    assert one.count('type="radio"') == 2 and 'type="checkbox"' not in one
