"""Request size limits applied before the body is read (giới hạn dung lượng yêu cầu; #17 item 1).

Two guards, for every address, signed in or not:

- ``RequestSizeMiddleware`` (first in ``MIDDLEWARE``, so before the CSRF check parses a form)
  refuses a request whose ``Content-Length`` is over the limit of the address it is sent to,
  without reading a byte of it: 413, our page or the API's problem answer.
- ``CountingUploadHandler`` (first in ``FILE_UPLOAD_HANDLERS``) counts what the multipart parser
  streams and stops it as soon as one file is over the largest size a file may have there, or
  the whole body over the address's limit, before the next chunk reaches the temporary file.

The limit of an address: the view says it with ``accepts_uploads`` (forms that take files) or
``small_body`` (server-to-server callbacks); every other address takes ``REQUEST_MAX_BYTES``.
The Django admin takes uploads (the catalogue's form templates). Under WSGI Django never reads
past ``Content-Length`` (a chunked body without one is read as empty), so these two bound what
is read; the reverse proxy's own limit is in docs/configuration.md.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.db.models import Max
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, get_resolver
from django.utils.translation import gettext as _

from .validation import default_max_bytes, format_limit

# What a multipart body carries besides its files: the other fields, boundaries and headers.
FORM_OVERHEAD = 256 * 1024


@dataclass(frozen=True)
class Limit:
    total: int  # the whole body
    per_file: int  # one file of a multipart body
    uploads: bool = False  # an address whose form takes files

    def over_total(self, size: int) -> bool:
        return size > self.total

    def over_file(self, size: int) -> bool:
        return size > self.per_file

    def takes_files(self) -> bool:
        return self.per_file > 0


class BodyTooLarge(RequestDataTooBig):
    """The body was over its limit while streaming. A RequestDataTooBig (Django answers it with
    ``handler400``, which turns it into our 413 page)."""

    def __init__(self, limit: Limit | UploadsLimit):
        super().__init__(limit.total)
        self.limit = limit


def request_max_bytes() -> int:
    """The limit of an address that takes no file (forms, JSON): setting ``REQUEST_MAX_BYTES``."""
    return int(getattr(settings, "REQUEST_MAX_BYTES", 1024 * 1024))


def callback_max_bytes() -> int:
    """The limit of a server-to-server callback: setting ``CALLBACK_MAX_BYTES``."""
    return int(getattr(settings, "CALLBACK_MAX_BYTES", 16 * 1024))


def largest_upload_bytes() -> int:
    """The largest size one file may have anywhere: the system's default limit or the largest
    limit a catalogue component sets (each form then checks its own component's limit)."""
    from motcua.catalog.constants import MEGABYTE
    from motcua.catalog.models import Component

    largest_mb = Component.objects.aggregate(m=Max("max_upload_mb"))["m"] or 0
    return max(default_max_bytes(), largest_mb * MEGABYTE)


def upload_request_max_bytes() -> int:
    """The limit of a whole form that takes files: setting ``UPLOAD_REQUEST_MAX_BYTES``."""
    return int(getattr(settings, "UPLOAD_REQUEST_MAX_BYTES", 100 * 1024 * 1024 + FORM_OVERHEAD))


def _uploads_limit(per_file=None, total=None) -> Limit:
    one = per_file() if callable(per_file) else per_file
    one = largest_upload_bytes() if one is None else one
    whole = upload_request_max_bytes() if total is None else total
    return Limit(total=max(whole, one + FORM_OVERHEAD), per_file=one, uploads=True)


class UploadsLimit:
    """The limit of a form that takes files, as ``_uploads_limit`` computes it, with the largest
    size a catalogue component allows (a query over the catalogue) read only when a body or one
    of its files is over what the address takes anyway: the exact limits are never below the
    system's default for one file and ``UPLOAD_REQUEST_MAX_BYTES`` for the body (or the view's
    own figures), so a request under those is let through without asking the database."""

    uploads = True

    def __init__(self, per_file=None, total=None):
        self._per_file, self._total = per_file, total
        self._file_floor = default_max_bytes() if per_file is None else None
        self._total_floor = upload_request_max_bytes() if total is None else total

    @functools.cached_property
    def exact(self) -> Limit:
        return _uploads_limit(self._per_file, self._total)

    @property
    def total(self) -> int:
        return self.exact.total

    @property
    def per_file(self) -> int:
        return self.exact.per_file

    def over_total(self, size: int) -> bool:
        return size > self._total_floor and self.exact.over_total(size)

    def over_file(self, size: int) -> bool:
        if self._file_floor is not None and size <= self._file_floor:
            return False
        return self.exact.over_file(size)

    def takes_files(self) -> bool:
        return (self._file_floor or 0) > 0 or self.exact.takes_files()


def accepts_uploads(view=None, *, per_file=None, total=None):
    """Mark a view whose form takes files: one file up to ``per_file`` bytes (an int or a
    callable; default: the largest any catalogue component allows), the body up to ``total``
    (default ``UPLOAD_REQUEST_MAX_BYTES``)."""

    def mark(func):
        func.body_limit = functools.partial(UploadsLimit, per_file, total)
        return func

    return mark(view) if view is not None else mark


def small_body(view=None, *, max_bytes=None):
    """Mark a server-to-server callback: the body up to ``max_bytes`` (default
    ``CALLBACK_MAX_BYTES``), and no file."""

    def limit() -> Limit:
        size = callback_max_bytes() if max_bytes is None else max_bytes
        return Limit(total=size, per_file=0)

    def mark(func):
        func.body_limit = limit
        return func

    return mark(view) if view is not None else mark


def limit_for(request) -> Limit | UploadsLimit:
    """The limit of the address ``request`` is sent to."""
    try:
        match = get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
    except Resolver404:
        match = None
    func = getattr(match, "func", None)
    # Decorators that wrap (login_required, require_POST, csrf_exempt) keep the attribute
    # through functools.wraps, which copies __dict__.
    declared = getattr(func, "body_limit", None)
    if declared is not None:
        return declared()
    if match is not None and match.app_name == "admin":
        return UploadsLimit()
    size = request_max_bytes()
    return Limit(total=size, per_file=size)


def too_large(request, limit: int, per_file: int | None = None):
    """The 413 answer: the API's problem format under /api/, else our page. ``per_file``: the
    limit of one file, when the address takes files."""
    if per_file:
        message = _(
            "Dữ liệu gửi lên quá lớn: mỗi tệp tối đa %(file)s, cả lần gửi tối đa %(limit)s. "
            "Chưa có gì được lưu; hãy gửi lại với tệp nhỏ hơn."
        ) % {"file": format_limit(per_file), "limit": format_limit(limit)}
    else:
        message = _(
            "Dữ liệu gửi lên quá lớn: tối đa %(limit)s cho trang này. Chưa có gì được lưu; "
            "hãy gửi lại với dữ liệu nhỏ hơn."
        ) % {"limit": format_limit(limit)}
    if request.path_info.startswith("/api/"):
        body = {
            "type": "urn:motcua:problem:too-large",
            "title": _("Dữ liệu gửi lên quá lớn"),
            "status": 413,
            "detail": message,
        }
        return JsonResponse(body, status=413, content_type="application/problem+json")
    user = getattr(request, "user", None)
    officer = bool(
        user is not None and user.is_authenticated and getattr(user, "is_officer", False)
    )
    context = {"status": 413, "officer": officer, "reason": message}
    return render(request, "errors/413.html", context, status=413)


def file_limit(limit: Limit | UploadsLimit) -> int | None:
    return limit.per_file if 0 < limit.per_file < limit.total else None


class RequestSizeMiddleware:
    """Refuse a body over its address's limit by its Content-Length, before anything reads it;
    leave the limit on the request for ``CountingUploadHandler``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > 0:
            limit = limit_for(request)
            request.body_limit = limit
            if limit.over_total(length):
                # No "Connection: close": a WSGI application may not set hop-by-hop headers;
                # the server discards the unread body (or closes the connection) itself.
                return too_large(request, limit.total, file_limit(limit))
            if limit.uploads and request.content_type == "multipart/form-data":
                # A form that takes files: parse it here (the CSRF check would, next), so a file
                # stopped while streaming is answered with our 413 (and not Django's handling of
                # a SuspiciousOperation, a technical page when DEBUG is on).
                try:
                    request.POST  # noqa: B018 (parses the body through CountingUploadHandler)
                except BodyTooLarge as refused:
                    return too_large(request, refused.limit.total, file_limit(refused.limit))
        return self.get_response(request)


class CountingUploadHandler(FileUploadHandler):
    """Counts the bytes the multipart parser streams; raises BodyTooLarge at the first chunk that
    takes a file or the body over its limit, so the handlers after it (memory, temporary file)
    never receive it."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        limit = getattr(self.request, "body_limit", None) or limit_for(self.request)
        self.limit = limit
        self.received = 0
        self.in_file = 0
        if limit.over_total(content_length):
            raise BodyTooLarge(limit)

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.in_file = 0
        if not self.limit.takes_files():
            raise BodyTooLarge(self.limit)

    def receive_data_chunk(self, raw_data, start):
        self.in_file += len(raw_data)
        self.received += len(raw_data)
        if self.limit.over_file(self.in_file):
            raise BodyTooLarge(self.limit)
        if self.limit.over_total(self.received):
            raise BodyTooLarge(self.limit)
        return raw_data

    def file_complete(self, file_size):
        return None
