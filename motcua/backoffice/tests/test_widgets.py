"""QuickSelect draws what Django's Select draws, bound field attributes included."""

import pytest
from django import forms
from django.test.html import parse_html

from motcua.backoffice.widgets import QuickSelect

CHOICES = [("", "—"), ("x", "X <b>&"), ("y", "Y"), ("Nhóm", [("g1", "Một"), ("g2", "Hai")])]


class Both(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, help_text="giúp")
    quick = forms.ChoiceField(choices=CHOICES, help_text="giúp", widget=QuickSelect)
    optional = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)


def _same(form, value_name: str) -> None:
    ours = str(form["quick"]).replace('name="quick"', 'name="django"')
    ours = ours.replace("id_quick", "id_django")
    assert parse_html(ours) == parse_html(str(form["django"])), value_name


@pytest.mark.parametrize("value", ["", "x", "g2", "missing"])
def test_the_same_markup_as_djangos_select(value):
    form = Both({"django": value, "quick": value})
    form.is_valid()  # errors add aria-invalid and the error's id
    _same(form, value)


def test_an_unbound_form_and_the_label_escaped():
    form = Both()
    _same(form, "unbound")
    assert "X &lt;b&gt;&amp;" in str(form["quick"])
    assert "required" not in str(form["optional"])
