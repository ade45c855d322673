"""QuickSelect draws what Django's Select draws, bound field attributes included."""

import pytest
from django import forms
from django.test.html import parse_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy, override

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


def test_the_kept_options_are_those_drawn_and_a_safe_label_is_not_taken_for_plain_text():
    plain = [("", "—"), ("1", "<b>An</b>"), ("2", "Bình")]
    safe = [("", "—"), ("1", mark_safe("<b>An</b>")), ("2", "Bình")]
    widget = QuickSelect()
    for _round in range(2):  # drawn, then from what was kept
        widget.choices = plain
        assert widget.render("a", "2") == (
            '<select name="a"><option value="">—</option>'
            '<option value="1">&lt;b&gt;An&lt;/b&gt;</option>'
            '<option value="2" selected>Bình</option></select>'
        )
        assert '<option value="2">Bình</option>' in widget.render("a", "")
        widget.choices = safe
        assert '<option value="1"><b>An</b></option>' in widget.render("a", "2")


def test_a_translated_label_is_kept_in_each_language():
    widget = QuickSelect(choices=[("", gettext_lazy("(chưa chọn)")), ("1", "An")])
    for _round in range(2):
        for language in ("vi", "en"):
            with override(language):
                expected = f'<option value="" selected>{gettext("(chưa chọn)")}</option>'
                assert widget.render("a", "").startswith(f'<select name="a">{expected}')
