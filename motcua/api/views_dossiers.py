"""Dossiers for API clients (scope ``dossiers:read``): the list of the client's agencies with
the back office's search, one dossier in full, and its files with their SHA-256. What a client
may read is ``dossiers.access.visible_in`` of its agencies; a dossier outside them is a 404,
exactly like one that does not exist."""

from __future__ import annotations

import base64
import datetime

from django.db.models import Prefetch
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from motcua.backoffice import selectors as backoffice
from motcua.documents.models import StoredFile
from motcua.documents.services import FileUnavailable, open_verified
from motcua.dossiers import naming
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier, DossierComponent, Event

from . import callers
from .base import (
    BAD_REQUEST,
    FORBIDDEN,
    LANGUAGE_PARAMETER,
    NOT_FOUND,
    PAGE_PARAMETERS,
    PROBLEM,
    SERVER_ERROR,
    TOO_MANY,
    UNAUTHORIZED,
    ClientView,
)
from .constants import Scope
from .problems import NotFound, StoredFileUnavailable
from .serializers_dossiers import DossierDetailSerializer, DossierSummarySerializer
from .views import choice

LISTED_STATUSES = [(s.value, s.label) for s in Status if s != Status.DRAFT]
ERRORS = {
    (401, PROBLEM): UNAUTHORIZED,
    (403, PROBLEM): FORBIDDEN,
    (429, PROBLEM): TOO_MANY,
    (500, PROBLEM): SERVER_ERROR,
}


class DossierQuery(serializers.Serializer):
    status = choice(LISTED_STATUSES)
    procedure = serializers.CharField(required=False, max_length=50)
    code = serializers.CharField(required=False, max_length=40)
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    received_from = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])
    received_to = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])

    def validate(self, data):
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"received_to": [_("Ngày kết thúc phải sau ngày bắt đầu.")]}
            )
        return data


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


@extend_schema_view(
    get=extend_schema(
        operation_id="dossiers_list",
        tags=["dossiers"],
        parameters=[
            OpenApiParameter("status", str, enum=[v for v, _l in LISTED_STATUSES]),
            OpenApiParameter("procedure", str, description="Mã TTHC."),
            OpenApiParameter("code", str, description="Mã hồ sơ, đúng hoặc phần đầu."),
            OpenApiParameter(
                "q",
                str,
                description="Mã hồ sơ, tên chủ hồ sơ (có dấu hay không), số định danh, SĐT.",
            ),
            OpenApiParameter("received_from", OpenApiTypes.DATE, description="Tiếp nhận từ ngày."),
            OpenApiParameter("received_to", OpenApiTypes.DATE, description="Tiếp nhận đến ngày."),
            *PAGE_PARAMETERS,
            LANGUAGE_PARAMETER,
        ],
        responses={200: DossierSummarySerializer(many=True), (400, PROBLEM): BAD_REQUEST, **ERRORS},
    )
)
class DossierList(ClientView):
    """Dossiers of the client's agencies and their sub-units (received, resolved, held there or
    sent there for liên thông), newest first; drafts never."""

    required_scope = Scope.DOSSIERS_READ
    audit_verb = "api_list_dossiers"
    serializer_class = DossierSummarySerializer

    def cursor_ordering(self, request):
        return ("-pk",)

    def get(self, request):
        criteria = self.parse(DossierQuery)
        rows = callers.of(request).dossiers()
        if criteria.get("status"):
            rows = rows.filter(status=criteria["status"])
        if criteria.get("procedure"):
            rows = rows.filter(procedure_version__procedure__code=criteria["procedure"].strip())
        if criteria.get("code"):
            rows = rows.filter(code__startswith=criteria["code"].strip().upper())
        if criteria.get("received_from"):
            rows = rows.filter(received_at__gte=_local_midnight(criteria["received_from"]))
        if criteria.get("received_to"):
            end = criteria["received_to"] + datetime.timedelta(days=1)
            rows = rows.filter(received_at__lt=_local_midnight(end))
        rows = backoffice.search(rows, criteria.get("q", "")).select_related(
            "procedure_version__procedure", "receiving_unit", "holder"
        )
        self.audit_extra = {"query": {k: str(v) for k, v in criteria.items()}}
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def with_details(rows):
    """Everything the detail shows, in a fixed number of queries."""
    return rows.select_related(
        "procedure_version__procedure",
        "receiving_unit",
        "resolving_agency",
        "holder",
        "authorisation__document",
    ).prefetch_related(
        Prefetch("components", queryset=DossierComponent.objects.prefetch_related("files")),
        Prefetch(
            "events",
            queryset=Event.objects.select_related("actor", "actor_unit")
            .prefetch_related("attachments")
            .order_by("sequence"),
        ),
        "steps__agency",
        "pauses",
        "fees",
        "results__file",
    )


def dossier_or_404(request, code: str, rows=None) -> Dossier:
    rows = callers.of(request).dossiers() if rows is None else rows
    try:
        return rows.get(code=code)
    except Dossier.DoesNotExist:
        raise NotFound(_("Không có hồ sơ %(code)s.") % {"code": code}) from None


@extend_schema_view(
    get=extend_schema(
        operation_id="dossiers_retrieve",
        tags=["dossiers"],
        parameters=[LANGUAGE_PARAMETER],
        responses={200: DossierDetailSerializer, (404, PROBLEM): NOT_FOUND, **ERRORS},
    )
)
class DossierDetail(ClientView):
    """One dossier (hồ sơ) in full: applicant, procedure version, status with the national
    code, the clock, history, steps, pauses, fees, documents with their SHA-256, results. The
    reading of personal data is audited with the client."""

    required_scope = Scope.DOSSIERS_READ
    audit_verb = "api_view_dossier"
    serializer_class = DossierDetailSerializer
    pagination_class = None

    def get(self, request, code: str):
        dossier = dossier_or_404(request, code, with_details(callers.of(request).dossiers()))
        self.audited = dossier
        context = self.get_serializer_context() | {"dossier_code": dossier.code}
        response = Response(DossierDetailSerializer(dossier, context=context).data)
        # The version to send back in If-Match with an action.
        response["ETag"] = f'"{dossier.version}"'
        return response


class AnyAccept(DefaultContentNegotiation):
    """A file answers whatever the Accept header asks; its errors are still JSON problems."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


@extend_schema_view(
    get=extend_schema(
        operation_id="dossiers_documents_retrieve",
        tags=["dossiers"],
        parameters=[LANGUAGE_PARAMETER],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="Nội dung tệp; tiêu đề Digest (sha-256, base64) và X-Content-SHA256 "
                "(hex) là mã băm đã lưu khi nhận tệp.",
            ),
            (404, PROBLEM): NOT_FOUND,
            **ERRORS,
        },
    )
)
class DossierDocument(ClientView):
    """A file of the dossier (a component's, a result's or a history attachment), downloaded
    with the SHA-256 recorded when it was stored, to check what arrived."""

    required_scope = Scope.DOSSIERS_READ
    audit_verb = "api_download_document"
    content_negotiation_class = AnyAccept
    pagination_class = None

    def get(self, request, code: str, file_id: int):
        dossier = dossier_or_404(request, code)
        if not backoffice.dossier_has_file(dossier, file_id):
            raise NotFound(_("Hồ sơ %(code)s không có tệp này.") % {"code": code})
        stored = StoredFile.objects.get(pk=file_id)
        self.audited = dossier
        self.audit_extra = {"file": stored.pk, "sha256": stored.sha256}
        try:
            content = open_verified(stored)
        except FileUnavailable as error:
            raise StoredFileUnavailable(error) from error
        response = FileResponse(
            content,
            content_type=stored.content_type or "application/octet-stream",
            as_attachment=True,
            filename=naming.download_name(dossier, stored),
        )
        digest = base64.b64encode(bytes.fromhex(stored.sha256)).decode()
        response["Digest"] = f"sha-256={digest}"
        response["Repr-Digest"] = f"sha-256=:{digest}:"
        response["X-Content-SHA256"] = stored.sha256
        response["X-Content-Type-Options"] = "nosniff"
        return response
