"""``{% load languages %}``: the options of the language switcher at the foot of every page.

``{% language_options %}`` draws what ``{% get_available_languages %}`` and a ``{% for %}`` over
it drew (one ``<option>`` per language, the current one selected), once per language shown and
language selected, escaping and settings, instead of on every page: the loop, its context and
the translated names were a tenth of the public tracking page's template (#18). The markup is
the loop's, held to it by ``accounts/tests/test_language_options.py``."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from motcua import template_loader

register = template.Library()

_drawn: dict = {}
_generation = [template_loader.generation()]


def _draw(selected, autoescape: bool) -> SafeString:
    def shown(value) -> str:
        return conditional_escape(value) if autoescape else str(value)

    options = "".join(
        f'\n        <option value="{shown(code)}"{" selected" if code == selected else ""}'
        f' lang="{shown(code)}">{shown(gettext(name))}</option>\n        '
        for code, name in settings.LANGUAGES
    )
    return mark_safe(options)  # noqa: S308  # nosec B308, B703: escaped above


@register.simple_tag(takes_context=True)
def language_options(context) -> SafeString:
    """The switcher's options; the one selected is the page's ``LANGUAGE_CODE``."""
    if _generation[0] != template_loader.generation():  # a setting changed (tests)
        _drawn.clear()
        _generation[0] = template_loader.generation()
    key = (get_language(), context.get("LANGUAGE_CODE"), context.autoescape)
    try:
        return _drawn[key]
    except KeyError:
        _drawn[key] = drawn = _draw(key[1], key[2])
        return drawn
