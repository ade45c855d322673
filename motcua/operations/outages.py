"""A part that is down answers 503 with a clear message, never a 500 (#19 item 4).

The database (a connection cut: restart, failover, ``pg_terminate_backend``), the file store
(S3 unreachable, a full disk) can fail while a request runs. The request's transaction is
rolled back (nothing half-written); the user is told what happened, that nothing was saved and
to try again in a moment, with ``Retry-After``; the API answers a problem (RFC 9457), which a
client retries with the same ``Idempotency-Key``. The next request opens a new connection
(``CONN_HEALTH_CHECKS``), so recovery needs no restart.
"""

from __future__ import annotations

import errno
import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
RETRY_AFTER = "5"
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _store_errors() -> tuple[type[BaseException], ...]:
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - botocore comes with django-storages[s3]
        return ()
    return (BotoCoreError, ClientError)


def part_down(error: BaseException) -> str | None:
    """Which part ``error`` says is down ("database", "storage", "disk"), or None."""
    if isinstance(error, OperationalError | InterfaceError):
        return "database"
    if isinstance(error, DatabaseError) and "terminating connection" in str(error):
        return "database"
    if isinstance(error, OSError) and error.errno in _FULL:
        return "disk"
    if isinstance(error, _store_errors()):
        return "storage"
    return None


def message(part: str) -> str:
    if part == "database":
        return _(
            "Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Yêu cầu của bạn chưa được lưu; "
            "hãy thử lại sau vài giây."
        )
    return _(
        "Kho lưu trữ tệp tạm thời không nhận được tệp. Hồ sơ và tệp của lần gửi này chưa được "
        "lưu; hãy thử lại sau ít phút."
    )


def unavailable(request, part: str):
    text = message(part)
    if request.path_info.startswith("/api/"):
        from motcua.api.problems import PROBLEM_CONTENT_TYPE, problem

        response = JsonResponse(problem(503, text), status=503, content_type=PROBLEM_CONTENT_TYPE)
    else:
        try:
            html = loader.get_template("errors/503.html").render(
                {
                    "stylesheet": static("motcua/site.css"),
                    "home_url": reverse("portal:home"),
                    "text": text,
                }
            )
        except Exception:  # the page must render whatever else is down
            logger.exception("The 503 page template failed; serving the plain text.")
            html = text
        response = HttpResponse(html, status=503)
    response["Retry-After"] = RETRY_AFTER
    return response


class PartDownMiddleware:
    """Turns a view's error that says a part is down into the 503 above (logged as an error
    with its traceback, for the operators)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        part = part_down(exception)
        if part is None:
            return None
        logger.error("%s down during %s %s", part, request.method, request.path, exc_info=True)
        return unavailable(request, part)
