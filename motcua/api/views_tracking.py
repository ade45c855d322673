"""Public tracking (tra cứu hồ sơ) for systems: the portal page's look-up, its second factor (the
last 4 digits of the applicant's phone or identity number), its failure counts and limits, and
nothing more than the page shows (TT 01/2018 Art. 16 d, the anonymous tier)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from motcua.dossiers.access import find_for_tracking
from motcua.dossiers.constants import TERMINAL, Status
from motcua.portal import tracking as page

from .base import (
    BAD_REQUEST,
    LANGUAGE_PARAMETER,
    NOT_FOUND,
    PROBLEM,
    SERVER_ERROR,
    TOO_MANY,
    PublicView,
)
from .problems import NotFound
from .serializers_dossiers import StatusSerializer, status_of


class TrackingQuery(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    last4 = serializers.RegexField(
        r"^\d{4}$", max_length=4, error_messages={"invalid": _("Hãy nhập đúng 4 chữ số.")}
    )


class TrackingSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã hồ sơ.")
    procedure = serializers.CharField(help_text="Tên thủ tục.")
    status = StatusSerializer()
    due_date = serializers.DateField(allow_null=True, help_text="Ngày hẹn trả (giờ Việt Nam).")
    finished = serializers.BooleanField(help_text="Đã giải quyết xong.")


class TrackingLimited(exceptions.Throttled):
    """Too many failed look-ups from this address or of this code: the page's own limit."""


@extend_schema_view(
    get=extend_schema(
        operation_id="tracking_retrieve",
        tags=["tracking"],
        parameters=[
            OpenApiParameter(
                "code", str, required=True, description="Mã hồ sơ trên Giấy tiếp nhận."
            ),
            OpenApiParameter(
                "last4",
                str,
                required=True,
                description="4 chữ số cuối số điện thoại hoặc số định danh của người nộp.",
            ),
            LANGUAGE_PARAMETER,
        ],
        responses={
            200: TrackingSerializer,
            (400, PROBLEM): BAD_REQUEST,
            (404, PROBLEM): NOT_FOUND,
            (429, PROBLEM): TOO_MANY,
            (500, PROBLEM): SERVER_ERROR,
        },
    )
)
class Tracking(PublicView):
    """The completion state of a dossier for whoever knows its code and the second factor. A
    failed look-up counts against the address and the code, as on the portal's page."""

    serializer_class = TrackingSerializer
    pagination_class = None

    def get(self, request):
        criteria = self.parse(TrackingQuery)
        code, last4 = criteria["code"].strip().upper(), criteria["last4"]
        address = self.throttle_classes[0]().get_ident(request)
        if page.limited(address, code):
            raise TrackingLimited(wait=page.wait(address, code))
        dossier = find_for_tracking(code, last4)
        if dossier is None:
            page.record_failure(address, code)
            raise NotFound(
                _(
                    "Không tìm thấy hồ sơ khớp với mã và 4 chữ số bạn nhập. "
                    "Bạn hãy kiểm tra lại Giấy tiếp nhận."
                )
            )
        due = dossier.due_at
        return Response(
            TrackingSerializer(
                {
                    "code": dossier.code,
                    "procedure": dossier.procedure_version.name,
                    "status": status_of(dossier),
                    "due_date": timezone.localtime(due).date() if due else None,
                    "finished": dossier.status in TERMINAL or dossier.status == Status.RESULT_READY,
                }
            ).data
        )
