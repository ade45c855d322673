"""The project's form renderer draws inputs and text areas exactly as Django's templates do."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from motcua.form_renderer import FormRenderer


class Everything(forms.Form):
    text = forms.CharField(
        max_length=20,
        help_text="giúp",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "data-x": 'a"b<c>&'}
        ),
    )
    optional = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search"}))
    number = forms.IntegerField(min_value=1, max_value=9)
    decimal = forms.DecimalField(max_digits=6, decimal_places=1, required=False)
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    when = forms.DateTimeField(required=False)
    agree = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    upload = forms.FileField(required=False, widget=forms.FileInput)
    disabled = forms.CharField(disabled=True, required=False, initial="cố định")


def _drawn(form, renderer) -> dict[str, str]:
    form.renderer = renderer
    return {name: str(form[name]) for name in form.fields}


DATA = [
    {},
    {
        "text": 'Lê "Hoa" <b>&',
        "number": "0",
        "decimal": "12.35",
        "email": "not-an-email",
        "secret": "mật <khẩu>",
        "hidden": "x&y",
        "day": "2026-02-30",
        "when": "2026-12-07 08:30",
        "agree": "on",
        "note": "dòng 1\n<script>alert(1)</script>",
    },
    {"text": mark_safe("<i>an toàn</i>"), "number": "5", "note": ""},
]


@pytest.mark.parametrize("data", DATA)
def test_inputs_and_text_areas_are_drawn_as_djangos_templates_draw_them(data):
    bound = (
        Everything(data)
        if data
        else Everything(initial={"when": datetime.datetime(2026, 1, 2, 3, 4)})
    )
    if data:
        bound.is_valid()  # errors add aria-invalid and aria-describedby
    ours = _drawn(bound, FormRenderer())
    djangos = _drawn(bound, DjangoTemplates())
    assert ours == djangos


def test_other_widgets_are_left_to_django():
    class Choices(forms.Form):
        pick = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)

    form = Choices({"pick": "a"})
    assert _drawn(form, FormRenderer()) == _drawn(form, DjangoTemplates())
