"""The interface language (ngôn ngữ giao diện): the account's saved choice, then the cookie set
by the language switcher, then Vietnamese. The browser's Accept-Language is deliberately not
consulted: a civil servant's English-language browser must not turn the public service English.
"""

import logging

from django.conf import settings
from django.contrib.auth.middleware import get_user
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import services

logger = logging.getLogger(__name__)


def _supported(code: str | None) -> str | None:
    return code if code and code in dict(settings.LANGUAGES) else None


def preferred_language(request) -> str:
    """The language to serve this request in."""
    try:
        # The user AuthenticationMiddleware will expose, loaded once and cached on the request.
        user = get_user(request)
        saved = user.language if user.is_authenticated else None
    except DatabaseError:  # the error page must still come in the cookie's language
        logger.warning("Could not read the account's language; using the cookie.")
        saved = None
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return _supported(saved) or _supported(cookie) or settings.LANGUAGE_CODE


class PreferredLanguageMiddleware:
    """Replaces Django's LocaleMiddleware (which follows Accept-Language). Placed after the
    session middleware, because the account's choice comes first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = preferred_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        # The language comes from the cookie or the session: a shared cache must not serve
        # one visitor's English page to another.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


@require_POST
def set_language(request):
    """The language switcher at the foot of every page: Django's view sets the cookie and
    redirects back; a signed-in person's choice is also saved on the account."""
    response = django_set_language(request)
    language = _supported(request.POST.get("language"))
    if language and request.user.is_authenticated and isinstance(response, HttpResponseRedirect):
        services.set_preferred_language(request.user, language)
    return response
