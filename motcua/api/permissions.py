"""The scope each resource requires (``required_scope`` on the view)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.permissions import BasePermission

from . import callers


class HasScope(BasePermission):
    """401 without a caller (no token, or none of ours); 403 when the token lacks the scope."""

    def has_permission(self, request, view):
        caller = callers.of(request)
        if caller is None:
            raise exceptions.NotAuthenticated(
                _("Cần mã truy cập: gửi tiêu đề Authorization: Bearer <mã truy cập>.")
            )
        if view.required_scope not in caller.scopes:
            raise exceptions.PermissionDenied(
                _("Mã truy cập không có phạm vi quyền %(scope)s.") % {"scope": view.required_scope}
            )
        return True
