"""The language of an API answer (ngôn ngữ của câu trả lời API).

Pages ignore the browser's Accept-Language on purpose (docs/i18n.md): a person's English browser
must not turn the public service English. A system calling the API has no cookie and no account
choice, and names the language it wants in ``Accept-Language``; the API follows it, Vietnamese
when it names none of ours. Only the api app does this.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


def requested_language(request) -> str:
    """The first supported language of the request's Accept-Language (``en-US`` counts as
    ``en``), else the site's default, Vietnamese."""
    supported = dict(settings.LANGUAGES)
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        primary = code.split("-")[0].lower()
        if primary in supported:
            return primary
    return settings.LANGUAGE_CODE


def activate_for(request) -> str:
    """Serve the rest of the request in its requested language."""
    language = requested_language(request)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language
