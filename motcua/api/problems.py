"""Errors of the API in one shape: problem details (RFC 9457, ``application/problem+json``).

Every error answer carries ``type`` (a URN naming the kind of problem, listed in docs/api.md),
``title`` (the kind, in the request's language), ``status`` and ``detail`` (this occurrence);
a 400 also carries ``errors``: one ``{"field": path, "message": text}`` per problem, the path
dotted for nested input (``on``, ``cursor``, ``items.0.name``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger("django.request")

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:motcua:problem:"


def _kinds() -> dict[int, tuple[str, str]]:
    """Status → (type suffix, title). A function so the titles follow the active language."""
    return {
        400: ("invalid-request", _("Yêu cầu không hợp lệ")),
        401: ("not-authenticated", _("Chưa xác thực")),
        403: ("forbidden", _("Không có quyền")),
        404: ("not-found", _("Không tìm thấy")),
        405: ("method-not-allowed", _("Phương thức không được hỗ trợ")),
        406: ("not-acceptable", _("Không có định dạng trả lời phù hợp")),
        409: ("conflict", _("Thao tác không thực hiện được lúc này")),
        412: ("stale", _("Dữ liệu đã thay đổi")),
        413: ("too-large", _("Nội dung gửi lên quá lớn")),
        415: ("unsupported-media-type", _("Định dạng dữ liệu gửi lên không được hỗ trợ")),
        428: ("precondition-required", _("Thiếu điều kiện If-Match")),
        429: ("too-many-requests", _("Quá nhiều yêu cầu")),
        500: ("server-error", _("Lỗi máy chủ")),
        503: ("unavailable", _("Tạm thời gián đoạn")),
    }


def problem(status_code: int, detail: str, *, errors: list[dict] | None = None) -> dict:
    """The body of a problem answer."""
    suffix, title = _kinds().get(status_code, ("error", _("Lỗi")))
    body = {"type": TYPE_PREFIX + suffix, "title": title, "status": status_code, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    return body


def field_errors(detail, path: str = "") -> list[dict]:
    """DRF's nested error detail flattened to ``{"field", "message"}`` pairs with dotted paths;
    errors not tied to a field have the path ``""``."""
    if isinstance(detail, dict):
        found = []
        for key, value in detail.items():
            name = "" if key == "non_field_errors" else str(key)
            found += field_errors(value, f"{path}.{name}" if path and name else path or name)
        return found
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return [{"field": path, "message": str(item)} for item in detail]
        found = []
        for index, item in enumerate(detail):
            found += field_errors(item, f"{path}.{index}" if path else str(index))
        return found
    return [{"field": path, "message": str(detail)}]


def _detail(exc: exceptions.APIException, status_code: int) -> str:
    """Our own words for the errors every client meets; DRF's for the rest."""
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        return ngettext(
            "Đã vượt giới hạn số yêu cầu từ địa chỉ này; hãy thử lại sau %(seconds)d giây.",
            "Đã vượt giới hạn số yêu cầu từ địa chỉ này; hãy thử lại sau %(seconds)d giây.",
            wait,
        ) % {"seconds": wait}
    if isinstance(exc, exceptions.ValidationError):
        return _("Dữ liệu gửi lên chưa đúng; xem danh sách lỗi theo từng trường.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("Địa chỉ này không nhận phương thức đó.")
    if isinstance(exc, exceptions.NotAcceptable):
        return _("API chỉ trả lời bằng JSON (application/json).")
    if status_code == status.HTTP_404_NOT_FOUND and not getattr(exc, "motcua_detail", False):
        return _("Không có tài nguyên này.")
    detail = exc.detail
    return str(detail) if not isinstance(detail, dict | list) else _("Yêu cầu không hợp lệ.")


class TooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("Nội dung gửi lên vượt giới hạn kích thước của địa chỉ này.")
    default_code = "too_large"


class StoredFileUnavailable(exceptions.APIException):
    """A stored file missing, changed (SHA-256) or unreadable in the store: 410, 409 or 503."""

    default_code = "file_unavailable"

    def __init__(self, error):
        super().__init__(detail=error.message, code=error.reason)
        self.status_code = error.status


class NotFound(exceptions.NotFound):
    """A 404 with a message of ours that the problem keeps (the generic one replaces DRF's)."""

    motcua_detail = True


def handle_exception(exc, context):
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every error as a problem."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, RequestDataTooBig):
        exc = TooLarge()
    response = drf_exception_handler(exc, context)
    if response is None:
        from motcua.operations.outages import part_down

        if part := part_down(exc):  # the database or the file store down: 503, retry (#19)
            return _part_down(exc, part, context)
        if settings.DEBUG:  # a developer sees Django's technical page with the traceback
            return None
        # Logged as Django logs a 500 (same logger, so the same alerts), answered as a problem.
        request = context.get("request")
        logger.error(
            "Internal Server Error: %s",
            getattr(request, "path", ""),
            exc_info=exc,
            extra={"status_code": 500, "request": getattr(request, "_request", None)},
        )
        response = Response(status=status.HTTP_500_INTERNAL_SERVER_ERROR)
        response.data = problem(
            500, _("Đã có lỗi phía máy chủ; lỗi đã được ghi lại. Hãy thử lại sau.")
        )
        response.content_type = PROBLEM_CONTENT_TYPE
        return response
    detail = _detail(exc, response.status_code)
    errors = field_errors(exc.detail) if isinstance(exc, exceptions.ValidationError) else None
    if response.status_code == status.HTTP_400_BAD_REQUEST and errors is None:
        # A body that is not JSON at all (ParseError): still the documented shape of a 400,
        # with the whole request as the field.
        errors = [{"field": "", "message": detail}]
    response.data = problem(response.status_code, detail, errors=errors)
    request = context.get("request")
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is None or getattr(renderer, "format", "") == "json":
        response.content_type = PROBLEM_CONTENT_TYPE
    return response


class ProblemSerializer(serializers.Serializer):
    """Problem details (RFC 9457), for the OpenAPI schema."""

    type = serializers.CharField(
        help_text="URN of the kind of problem, e.g. urn:motcua:problem:not-found."
    )
    title = serializers.CharField(help_text="The kind of problem, in the request's language.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(
        help_text="What went wrong this time, in the request's language."
    )


class FieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField(
        help_text="Dotted path of the input; empty for the whole request."
    )
    message = serializers.CharField()


class ValidationProblemSerializer(ProblemSerializer):
    """Problem details of a 400, with one entry per wrong input."""

    errors = FieldErrorSerializer(many=True)


def _part_down(exc, part: str, context):
    from motcua.operations.outages import RETRY_AFTER, message

    logger.error("%s down: %s", part, getattr(context.get("request"), "path", ""), exc_info=exc)
    response = Response(status=status.HTTP_503_SERVICE_UNAVAILABLE)
    response.data = problem(503, message(part))
    response.content_type = PROBLEM_CONTENT_TYPE
    response["Retry-After"] = RETRY_AFTER
    return response
