"""Error pages (trang báo lỗi): what happened and where to go next, in the visitor's language.

Wired in `motcua/urls.py` (handler400/403/404/500), `CSRF_FAILURE_VIEW` in settings, and
`FriendlyNotFoundMiddleware` so that `make run` (DEBUG on) shows our 404 instead of Django's
technical page unless a developer asks for it with `DEBUG_TECHNICAL_404`.
"""

import logging

from django.conf import settings
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import Resolver404, get_resolver, reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _is_officer(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and getattr(user, "is_officer", False))


def _api_problem(request, status: int, detail: str, *, field: str | None = None):
    """Under /api/ every error is a problem (RFC 9457, application/problem+json), never a page:
    an address no route matches, a NUL byte, a failure before the API's own handler ran. A 400
    names the input at fault (``field``; "" for the request as a whole). None elsewhere."""
    if not request.path_info.startswith("/api/"):
        return None
    from motcua.api.problems import PROBLEM_CONTENT_TYPE, problem

    errors = None
    if status == 400:
        errors = [{"field": field or "", "message": detail}]
    return JsonResponse(
        problem(status, detail, errors=errors), status=status, content_type=PROBLEM_CONTENT_TYPE
    )


def _error_page(request, template: str, status: int, **extra):
    context = {"status": status, "officer": _is_officer(request), **extra}
    return render(request, template, context, status=status)


def bad_request(request, exception=None):
    """400: the request could not be understood (yêu cầu không hợp lệ); 413 when its body was
    over the limit (Django's RequestDataTooBig, or ours while streaming an upload)."""
    from django.core.exceptions import RequestDataTooBig

    if isinstance(exception, RequestDataTooBig):
        from motcua.documents.bodylimit import (
            BodyTooLarge,
            file_limit,
            request_max_bytes,
            too_large,
        )

        if isinstance(exception, BodyTooLarge):
            return too_large(request, exception.limit.total, file_limit(exception.limit))
        return too_large(request, request_max_bytes())
    return _api_problem(request, 400, _("Yêu cầu không hợp lệ.")) or _error_page(
        request, "errors/400.html", 400
    )


def file_unavailable(request, error):
    """A stored file that cannot be served as it was stored (documents.services.open_verified):
    the reason in Vietnamese, with 410, 409 or 503; the incident is logged for the operators."""
    logger.warning("file not served: %s", error)
    return _error_page(request, "errors/file_unavailable.html", error.status, reason=error.message)


def permission_denied(request, exception=None):
    """403: signed in, but this page or record is not theirs to see."""
    return _api_problem(request, 403, _("Không có quyền.")) or _error_page(
        request, "errors/403.html", 403
    )


def page_not_found(request, exception=None):
    """404: no such page, or a record that is not the visitor's (both look the same)."""
    return _api_problem(request, 404, _("Không có tài nguyên này.")) or _error_page(
        request, "errors/404.html", 404
    )


def csrf_failure(request, reason=""):
    """403 from the CSRF check: the form was open too long or in another tab; nothing saved."""
    referer = request.META.get("HTTP_REFERER", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return _error_page(request, "errors/csrf.html", 403, back_url=referer if same_site else "")


def server_error(request):
    """500. Rendered without context processors (no database, no session), and with a plain
    fallback when even the template fails, so the error page itself never errors."""
    try:
        api_answer = _api_problem(
            request, 500, _("Đã có lỗi phía máy chủ; lỗi đã được ghi lại. Hãy thử lại sau.")
        )
        if api_answer is not None:
            return api_answer
        context = {"stylesheet": static("motcua/site.css"), "home_url": reverse("portal:home")}
        html = loader.get_template("errors/500.html").render(context)
    except Exception:  # the error page must render whatever broke
        logger.exception("The 500 page template failed; serving the plain fallback.")
        html = _plain_500()
    return HttpResponseServerError(html)


def _plain_500() -> str:
    title = escape(_("Hệ thống đang gặp sự cố"))
    text = escape(
        _("Yêu cầu của bạn chưa được xử lý. Bạn hãy thử lại sau ít phút hoặc quay về trang chủ.")
    )
    home = escape(_("Về trang chủ Cổng dịch vụ công"))
    return (
        f'<!doctype html><html lang="{escape(get_language() or "vi")}"><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><h1>{title}</h1><p>{text}</p>"
        f'<p><a href="/">{home}</a></p></html>'
    )


class FriendlyNotFoundMiddleware:
    """With DEBUG on, Django answers an unknown address with its technical 404 page (the URL
    list), which is what a newcomer trying the demo would see. Render our 404 instead unless
    `DEBUG_TECHNICAL_404` is set. With DEBUG off Django uses `handler404` by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def _active(self) -> bool:
        return settings.DEBUG and not getattr(settings, "DEBUG_TECHNICAL_404", False)

    def __call__(self, request):
        if self._active():
            try:
                get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
            except Resolver404:
                return page_not_found(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if self._active() and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None


class ControlCharacterMiddleware:
    """Refuse an address whose path or query string holds a NUL byte (``%00``) with our 400
    page, before any view reads it (issue #17 item 9). PostgreSQL stores no NUL in text, so
    every search box, code or filter that reached a query with one answered 500; forms refuse
    NUL in what is posted already (Django's ProhibitNullCharactersValidator)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The decoded forms: %00 in the address is "\x00" by now.
        query = request.GET
        if "\x00" in request.path:
            where = ""
        else:
            where = next(
                (
                    key
                    for key in query
                    if "\x00" in key or any("\x00" in value for value in query.getlist(key))
                ),
                None,
            )
        if where is None:
            return self.get_response(request)
        reason = _("Đường dẫn chứa ký tự không hợp lệ (ký tự NUL, %00).")
        field = where.replace("\x00", "\ufffd")
        api_answer = _api_problem(request, 400, reason, field=field)
        if api_answer is not None:
            return api_answer
        return _error_page(request, "errors/400.html", 400, reason=reason)
