"""``{% form_fields form %}`` draws exactly what the template ``includes/form.html`` drew."""

import pytest
from django import forms
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe

from motcua.portal.tracking import TrackForm

# includes/form.html as it was, before the tag.
TEMPLATE = """{% load i18n %}{% if form.non_field_errors %}
<div class="error-summary" role="alert">
  {% for error in form.non_field_errors %}<p>{{ error }}</p>{% endfor %}
</div>
{% endif %}
{% for field in form.visible_fields %}
<div class="field{% if field.errors %} field-error{% endif %}">
  <label for="{{ field.id_for_label }}">{{ field.label }}{% if field.field.required %} <span class="required" aria-hidden="true">*</span>{% endif %}</label>
  {% if field.help_text %}<p class="help" id="{{ field.auto_id }}_helptext">{{ field.help_text }}</p>{% endif %}
  {% for error in field.errors %}<p class="error" id="{{ field.auto_id }}_error">{{ error }}</p>{% endfor %}
  {{ field }}
</div>
{% endfor %}
{% for field in form.hidden_fields %}{{ field }}{% endfor %}
"""


class Mixed(forms.Form):
    name = forms.CharField(label='Tên <b>&"', help_text="giúp <i>", max_length=5)
    safe_help = forms.CharField(required=False, help_text=mark_safe("<em>an toàn</em>"))
    count = forms.IntegerField(min_value=1)
    choice = forms.ChoiceField(choices=[("a", "A <x>"), ("b", "B")], required=False)
    note = forms.CharField(widget=forms.Textarea, required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    other = forms.CharField(widget=forms.HiddenInput, required=False)
    agreed = forms.BooleanField(label="Đồng ý", required=False)
    fixed = forms.CharField(disabled=True, required=False, initial="cố định")
    tracked = forms.CharField(required=False, show_hidden_initial=True, initial="x")
    own_id = forms.CharField(required=False, widget=forms.TextInput(attrs={"id": "mine"}))

    def clean(self):
        raise forms.ValidationError(["Sai <1>", "Sai 2"])


def _forms():
    invalid = TrackForm({"code": "", "last4": "12a"})
    missed = TrackForm({"code": "X", "last4": "1234"})
    missed.is_valid()
    missed.add_error(None, "Không tìm thấy <hồ sơ>")
    return [
        TrackForm(),
        TrackForm(initial={"code": '"><script>'}),
        TrackForm({"code": "A-1", "last4": "1234"}),
        invalid,
        missed,
        Mixed(),
        Mixed({"name": "quá dài <tên>", "count": "0", "secret": "s<"}),
        Mixed({"name": "ok", "count": "2"}, prefix="p"),
        Mixed(auto_id=False),
        Mixed({"name": "ok"}, auto_id="x_%s"),
        forms.Form(),
    ]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("index", range(len(_forms())))
def test_the_tag_draws_what_the_template_drew(language, index):
    engine = engines["django"]
    with translation.override(language):
        form = _forms()[index]
        form.is_bound and form.is_valid()
        old = engine.from_string(TEMPLATE).render({"form": form})
        new = engine.get_template("includes/form.html").render({"form": form})
    assert new == old


# portal/includes/field.html as it was, before the tag.
FIELD_TEMPLATE = """<div class="field{% if field.errors %} field-error{% endif %}">
  <label for="{{ field.id_for_label }}">{{ field.label }}{% if field.field.required %} <span class="required" aria-hidden="true">*</span>{% endif %}</label>
  {% if field.help_text %}<p class="help" id="{{ field.auto_id }}_helptext">{{ field.help_text }}</p>{% endif %}
  {% for error in field.errors %}<p class="error" id="{{ field.auto_id }}_error">{{ error }}</p>{% endfor %}
  {{ field }}
</div>
"""


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("index", range(len(_forms())))
def test_the_field_include_draws_what_it_drew(language, index):
    """``portal/includes/field.html`` draws each field with the same function as the form tag,
    and the same markup as its template did."""
    engine = engines["django"]
    with translation.override(language):
        form = _forms()[index]
        form.is_bound and form.is_valid()
        for field in form.visible_fields():
            old = engine.from_string(FIELD_TEMPLATE).render({"field": field})
            new = engine.get_template("portal/includes/field.html").render({"field": field})
            assert new == old


def test_the_field_include_draws_nothing_for_a_missing_field():
    assert engines["django"].get_template("portal/includes/field.html").render({}) == "\n"
