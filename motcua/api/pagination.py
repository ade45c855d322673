"""Cursor pagination (phân trang bằng con trỏ): a page's ``next`` and ``previous`` links carry an
opaque cursor, so an integrator walking a long list never sees a row twice or misses one when
rows are added meanwhile."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200

    def get_ordering(self, request, queryset, view):
        """Each view names its order (``cursor_ordering``); the first field must be a column or
        an annotation of the rows, the last one unique."""
        return view.cursor_ordering(request)

    def _invalid(self) -> exceptions.ValidationError:
        return exceptions.ValidationError(
            {
                self.cursor_query_param: [
                    _(
                        "Con trỏ trang không hợp lệ; hãy dùng đúng liên kết next hoặc "
                        "previous đã nhận."
                    )
                ]
            }
        )

    def get_page_size(self, request):
        """The ``limit`` asked for, refused (400) unless it is a whole number from 1 to
        ``max_page_size``: silently serving another size would hide the integrator's mistake."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("Số dòng mỗi trang phải là số nguyên từ 1 đến %(max)d.")
                        % {"max": self.max_page_size}
                    ]
                }
            )
        return int(raw)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound as error:
            raise self._invalid() from error

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, TypeError, DjangoValidationError) as error:
            # A well-formed cursor whose position does not fit the order's column (a forged
            # "p=abc" where the search's rank is a number): the database lookup refuses it.
            if request.query_params.get(self.cursor_query_param):
                raise self._invalid() from error
            raise
