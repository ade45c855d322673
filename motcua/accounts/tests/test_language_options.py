"""``{% language_options %}`` draws what the switcher's loop over the available languages drew."""

import pytest
from django.template import engines
from django.utils import translation

LOOP = (
    "{% load i18n %}{% get_available_languages as LANGUAGES %}"
    '{% for code, name in LANGUAGES %}\n        <option value="{{ code }}"'
    '{% if code == LANGUAGE_CODE %} selected{% endif %} lang="{{ code }}">{{ name }}</option>\n'
    "        {% endfor %}"
)
TAG = "{% load languages %}{% language_options %}"


def _render(source, selected, autoescape=True):
    template = engines["django"].from_string(source)
    template.template.engine.autoescape = autoescape
    try:
        return template.render({"LANGUAGE_CODE": selected})
    finally:
        template.template.engine.autoescape = True


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("selected", ["vi", "en", "fr", None])
def test_the_options_are_the_loops(language, selected):
    with translation.override(language):
        for _ in range(2):  # drawn, then remembered
            assert _render(TAG, selected) == _render(LOOP, selected)


def test_languages_named_with_markup_are_escaped_unless_escaping_is_off(settings):
    settings.LANGUAGES = [("vi", "Tiếng <Việt>"), ("en", "English & co")]
    with translation.override("vi"):
        drawn = _render(TAG, "vi")
        assert "Tiếng &lt;Việt&gt;" in drawn and "English &amp; co" in drawn
        assert drawn == _render(LOOP, "vi")
        assert _render(TAG, "en", autoescape=False) == _render(LOOP, "en", autoescape=False)


def test_a_changed_setting_is_seen(settings):
    with translation.override("vi"):
        _render(TAG, "vi")
        settings.LANGUAGES = [("vi", "Tiếng Việt")]
        assert 'value="en"' not in _render(TAG, "vi")
