"""What every API v1 view shares: the language of Accept-Language, the headers of every answer,
query parsing into a 400 problem, and the OpenAPI pieces every resource repeats. ``PublicView``
is open to anyone, limited per address; ``ClientView`` needs an API client's token with the
view's ``required_scope``, is limited per client, and audits every call with its client."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny

from motcua.audit import services as audit
from motcua.audit.models import AuditAction

from . import callers, language
from .authentication import ClientTokenAuthentication, DebugOfficerSession
from .pagination import Cursor
from .permissions import HasScope
from .problems import ProblemSerializer, ValidationProblemSerializer
from .throttling import ClientThrottle, PublicAddressThrottle

PROBLEM = "application/problem+json"
BAD_REQUEST = OpenApiResponse(ValidationProblemSerializer, description="Tham số không hợp lệ.")
NOT_FOUND = OpenApiResponse(ProblemSerializer, description="Không tìm thấy.")
TOO_MANY = OpenApiResponse(
    ProblemSerializer, description="Vượt giới hạn; chờ số giây trong Retry-After."
)
SERVER_ERROR = OpenApiResponse(
    ProblemSerializer, description="Lỗi phía máy chủ, đã được ghi lại; thử lại sau."
)
ON_PARAMETER = OpenApiParameter(
    "on",
    OpenApiTypes.DATE,
    description="Ngày tra cứu (YYYY-MM-DD): phiên bản có hiệu lực ngày đó; mặc định hôm nay.",
)
PAGE_PARAMETERS = [
    OpenApiParameter(
        "cursor", str, description="Con trỏ trang: lấy nguyên từ liên kết next hoặc previous."
    ),
    OpenApiParameter(
        "limit",
        {"type": "integer", "minimum": 1, "maximum": Cursor.max_page_size},
        description="Số dòng mỗi trang: 1 đến 200, mặc định 50.",
    ),
]
LANGUAGE_PARAMETER = OpenApiParameter(
    "Accept-Language",
    str,
    OpenApiParameter.HEADER,
    description="vi (mặc định) hoặc en: ngôn ngữ của thông báo lỗi và các nhãn.",
)


class ApiView(GenericAPIView):
    pagination_class = Cursor

    def get_queryset(self):
        """Views call their selectors themselves. DRF's browsable API asks for a queryset to
        build filter forms (there are none): nothing to give."""
        return None

    def initial(self, request, *args, **kwargs):
        language.activate_for(request)  # before the throttle, whose 429 is translated
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = getattr(request, "LANGUAGE_CODE", "vi")
        response["Vary"] = self.vary
        return response

    def parse(self, serializer_class) -> dict:
        """The query parameters checked by ``serializer_class``; a 400 problem when wrong."""
        # A plain dict, not the QueryDict: with form semantics DRF would take an empty
        # "?on=" for an absent parameter, where an integrator sent a wrong date.
        params = self.request.query_params
        query = serializer_class(data={name: params.get(name) for name in params})
        query.is_valid(raise_exception=True)
        return query.validated_data


class PublicView(ApiView):
    """A public resource: no sign-in, a per-address rate limit, cursor pages."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicAddressThrottle]
    vary = "Accept, Accept-Language"


UNAUTHORIZED = OpenApiResponse(
    ProblemSerializer, description="Thiếu mã truy cập, mã sai, hết hạn hoặc hệ thống đã bị thu hồi."
)
FORBIDDEN = OpenApiResponse(ProblemSerializer, description="Mã truy cập thiếu phạm vi quyền.")
# What an operation that takes a body may also answer, before its own checks.
BODY_ERRORS = {
    (413, PROBLEM): OpenApiResponse(
        ProblemSerializer, description="Nội dung gửi lên vượt giới hạn kích thước."
    ),
    (415, PROBLEM): OpenApiResponse(
        ProblemSerializer,
        description="Content-Type không được nhận: application/json hoặc multipart/form-data.",
    ),
}


class ClientView(ApiView):
    """A resource for API clients: a token with ``required_scope``, a per-client rate limit,
    one audit row per call naming the client (what was read, the answer's status). A view sets
    ``self.audited`` to the object it read (a dossier), and may add ``self.audit_extra``; the
    row is about the client itself otherwise (a list, a refusal)."""

    authentication_classes = [ClientTokenAuthentication, DebugOfficerSession]
    permission_classes = [HasScope]
    throttle_classes = [ClientThrottle]
    vary = "Accept, Accept-Language, Authorization"
    required_scope = ""
    audit_verb = ""
    audit_action = AuditAction.VIEW

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        caller = callers.of(request)
        if caller is not None and self.audit_verb:
            audited = getattr(self, "audited", None) or caller.client or caller.user
            audit.record(
                actor=caller.user,
                verb=self.audit_verb,
                obj=audited,
                action=self.audit_action,
                path=request.get_full_path(),
                status=response.status_code,
                **getattr(self, "audit_extra", {}),
                **caller.audit_data(),
            )
        response["Cache-Control"] = "private, no-store"
        return response
