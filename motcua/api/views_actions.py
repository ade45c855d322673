"""Actions on a dossier for API clients (scope ``dossiers:write``): the same service functions
as the dossier page, acting as the client's officer account, whose roles decide what it may
do. ``If-Match`` carries the dossier's version as read (412 when it changed since);
``Idempotency-Key`` makes a retried request give the same answer without a second action."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from motcua.audit.models import AuditAction
from motcua.dossiers import services
from motcua.dossiers.errors import DossierError, NotPermitted, StaleDossier

from . import actions_results, callers
from .base import BODY_ERRORS, LANGUAGE_PARAMETER, NOT_FOUND, PROBLEM, ClientView
from .constants import Scope
from .problems import NotFound, ProblemSerializer
from .serializers_dossiers import DossierDetailSerializer
from .views_dossiers import BAD_REQUEST, ERRORS, dossier_or_404, with_details

KEY = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
VERSION = re.compile(r'^(?:W/)?"?(\d{1,9})"?$')


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT


class Stale(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED


class PreconditionRequired(exceptions.APIException):
    status_code = 428


class NoInput(serializers.Serializer):
    """Nothing to give."""


class StepInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class SupplementItemInput(serializers.Serializer):
    name = serializers.CharField(max_length=500, help_text="Giấy tờ cần bổ sung.")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class SupplementInput(serializers.Serializer):
    items = SupplementItemInput(many=True, allow_empty=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


def _accept(dossier, actor, data, **common):
    return services.accept(dossier, actor=actor, **common)


def _assign(dossier, actor, data, **common):
    return services.assign(dossier, actor=actor, note=data.get("note", ""), **common)


def _complete_step(dossier, actor, data, **common):
    return services.complete_step(dossier, actor=actor, note=data.get("note", ""), **common)


def _request_supplement(dossier, actor, data, **common):
    items = [dict(item) for item in data["items"]]
    reason = data.get("reason", "")
    return services.request_supplement(dossier, actor=actor, items=items, reason=reason, **common)


# action → (its input, the service call). Accept an online dossier at the desk (tiếp nhận),
# hand a received dossier over to the resolving agency (chuyển xử lý; the agency names the
# officer), finish one's step of the internal process (hoàn thành bước), ask for a supplement
# (yêu cầu bổ sung, hoàn thiện hồ sơ).
ACTIONS = {
    "accept": (NoInput, _accept),
    "assign": (StepInput, _assign),
    "complete_step": (StepInput, _complete_step),
    "request_supplement": (SupplementInput, _request_supplement),
    **actions_results.ACTIONS,
}


def _version(request) -> int:
    header = request.META.get("HTTP_IF_MATCH", "").strip()
    if not header:
        raise PreconditionRequired(
            _(
                "Hãy gửi tiêu đề If-Match với phiên bản hồ sơ đã đọc (ETag của hồ sơ), để không "
                "thao tác trên dữ liệu cũ."
            )
        )
    match = VERSION.match(header)
    if match is None:
        raise exceptions.ValidationError(
            {"If-Match": [_('If-Match phải là phiên bản hồ sơ, ví dụ "3".')]}
        )
    return int(match[1])


def _idempotency_key(request, client) -> str | None:
    key = request.META.get("HTTP_IDEMPOTENCY_KEY", "").strip()
    if not key:
        return None
    if not KEY.match(key):
        raise exceptions.ValidationError(
            {
                "Idempotency-Key": [
                    _("Idempotency-Key gồm 1–64 ký tự chữ, số hoặc . _ : -, ví dụ một UUID.")
                ]
            }
        )
    # Keys are the client's own: two clients choosing the same one never meet.
    return f"api:{client.pk}:{key}"


@extend_schema_view(
    post=extend_schema(
        operation_id="dossiers_actions_create",
        tags=["dossiers"],
        parameters=[
            OpenApiParameter(
                "action", str, OpenApiParameter.PATH, enum=list(ACTIONS), description="Thao tác."
            ),
            OpenApiParameter(
                "If-Match",
                str,
                OpenApiParameter.HEADER,
                required=True,
                description='Phiên bản hồ sơ đã đọc (ETag của chi tiết hồ sơ), ví dụ "3".',
            ),
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="Khóa chống gửi lặp (1–64 ký tự): gửi lại cùng khóa được cùng kết "
                "quả, không thao tác lần hai.",
            ),
            LANGUAGE_PARAMETER,
        ],
        request={
            "application/json": OpenApiTypes.OBJECT,
            "multipart/form-data": OpenApiTypes.OBJECT,
        },
        responses={
            200: DossierDetailSerializer,
            (400, PROBLEM): BAD_REQUEST,
            (404, PROBLEM): NOT_FOUND,
            (409, PROBLEM): OpenApiResponse(
                ProblemSerializer,
                description="Trạng thái hoặc quy định không cho phép thao tác này lúc này.",
            ),
            (412, PROBLEM): OpenApiResponse(
                ProblemSerializer, description="Hồ sơ đã thay đổi từ phiên bản trong If-Match."
            ),
            (428, PROBLEM): OpenApiResponse(ProblemSerializer, description="Thiếu If-Match."),
            **BODY_ERRORS,
            **ERRORS,
        },
    )
)
class DossierAction(ClientView):
    """Take an action on a dossier, as the dossier page does: ``accept`` (no input),
    ``assign`` (``{"note"}``), ``complete_step`` (``{"note"}``), ``request_supplement``
    (``{"items": [{"name", "reason"}], "reason"}``), ``complete_supplement`` (files ``files``,
    one or more, with ``origin``, ``name``, ``note``), ``transfer`` (``{"to_agency", "task",
    "quota_hours"}``), ``approve`` (``{"decision", "note", "document_number", "result_name"}``
    and an optional ``result_file``), ``record_result`` (``{"name", "document_number",
    "note"}`` and an optional ``file``), ``return_result`` (``{"recipient_name",
    "recipient_id_number", "tracking_code", "postal_fee", "originals_returned",
    "originals_note", "note"}``), ``stop`` (``{"reason"}``), ``withdraw`` (``{"reason"}``).
    Files are sent as ``multipart/form-data`` with the other fields beside them. The answer
    is the dossier after the action, with its new ETag."""

    required_scope = Scope.DOSSIERS_WRITE
    audit_verb = "api_dossier_action"
    audit_action = AuditAction.CHANGE
    serializer_class = DossierDetailSerializer
    pagination_class = None
    parser_classes = [JSONParser, MultiPartParser]

    def post(self, request, code: str, action: str):
        if action not in ACTIONS:
            raise NotFound(
                _("Không có thao tác %(action)s; các thao tác: %(actions)s.")
                % {"action": action, "actions": ", ".join(ACTIONS)}
            )
        caller = callers.of(request)
        dossier = dossier_or_404(request, code)
        self.audited = dossier
        version = _version(request)
        key = _idempotency_key(request, caller.client)
        input_class, act = ACTIONS[action]
        body = input_class(data=request.data)
        body.is_valid(raise_exception=True)
        self.audit_extra = {"dossier_action": action, "idempotency_key": key or ""}
        officer = caller.client.officer if caller.client is not None else None
        try:
            act(
                dossier,
                officer,
                body.validated_data,
                expected_version=version,
                idempotency_key=key,
            )
        except StaleDossier as error:
            raise Stale(" ".join(error.messages)) from error
        except NotPermitted as error:
            raise exceptions.PermissionDenied(" ".join(error.messages)) from error
        except DossierError as error:
            raise Conflict(" ".join(error.messages)) from error
        fresh = with_details(caller.dossiers()).get(pk=dossier.pk)
        context = self.get_serializer_context() | {"dossier_code": fresh.code}
        response = Response(DossierDetailSerializer(fresh, context=context).data)
        response["ETag"] = f'"{fresh.version}"'
        return response
