"""Public, read-only resources of API v1: the procedure catalogue and the agency tree.

Views parse the query, call one selector of motcua.catalog or motcua.agencies and render the
serializer: no query is written here. Anyone may call them, limited per address."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Level
from motcua.catalog import selectors as catalog
from motcua.catalog.constants import OnlineLevel, ProcedureLevel

from . import language
from .base import (
    BAD_REQUEST,
    LANGUAGE_PARAMETER,
    NOT_FOUND,
    ON_PARAMETER,
    PAGE_PARAMETERS,
    PROBLEM,
    SERVER_ERROR,
    TOO_MANY,
    PublicView,
)
from .problems import NotFound
from .serializers import (
    AgencyDetailSerializer,
    AgencySerializer,
    ProcedureDetailSerializer,
    ProcedureSummarySerializer,
)


class OnQuery(serializers.Serializer):
    on = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])


def choice(choices) -> serializers.ChoiceField:
    """An optional choice whose refusal is worded in Vietnamese (DRF's catalogue lacks it)."""
    return serializers.ChoiceField(
        choices=choices,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("“{input}” không phải là một lựa chọn hợp lệ."),
        },
    )


class ProcedureQuery(OnQuery):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    field = serializers.CharField(required=False, allow_blank=True, max_length=50)
    level = choice(ProcedureLevel.choices)
    online_level = choice(OnlineLevel.choices)


@extend_schema_view(
    get=extend_schema(
        operation_id="procedures_list",
        tags=["catalogue"],
        parameters=[
            OpenApiParameter("q", str, description="Tên hoặc mã thủ tục; có dấu hay không dấu."),
            OpenApiParameter("field", str, description="Mã lĩnh vực."),
            OpenApiParameter(
                "level", str, enum=ProcedureLevel.values, description="Cấp thực hiện."
            ),
            OpenApiParameter(
                "online_level", str, enum=OnlineLevel.values, description="Mức DVC trực tuyến."
            ),
            ON_PARAMETER,
            *PAGE_PARAMETERS,
            LANGUAGE_PARAMETER,
        ],
        responses={
            200: ProcedureSummarySerializer(many=True),
            (400, PROBLEM): BAD_REQUEST,
            (429, PROBLEM): TOO_MANY,
            (500, PROBLEM): SERVER_ERROR,
        },
    )
)
class ProcedureList(PublicView):
    """Procedures in force on a day (thủ tục hành chính), searched and filtered; the order of the
    catalogue search when ``q`` is given (best matches first), by name otherwise."""

    serializer_class = ProcedureSummarySerializer

    def cursor_ordering(self, request):
        # The search ranks only when the query has words ("%" has none): page as it ordered.
        if "rank" in self.versions.query.annotations:
            return ("rank", "name_length", "name", "pk")
        return ("name", "pk")

    def get(self, request):
        self.criteria = self.parse(ProcedureQuery)
        self.versions = versions = catalog.search(
            self.criteria.get("q", ""),
            on=self.criteria.get("on"),
            field=self.criteria.get("field", ""),
            level=self.criteria.get("level", ""),
            online_level=self.criteria.get("online_level", ""),
        )
        page = self.paginate_queryset(versions)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="procedures_retrieve",
        tags=["catalogue"],
        parameters=[ON_PARAMETER, LANGUAGE_PARAMETER],
        responses={
            200: ProcedureDetailSerializer,
            (400, PROBLEM): BAD_REQUEST,
            (404, PROBLEM): NOT_FOUND,
            (429, PROBLEM): TOO_MANY,
            (500, PROBLEM): SERVER_ERROR,
        },
    )
)
class ProcedureDetail(PublicView):
    """One procedure by its national code (mã TTHC), as the version in force on ``on`` (today by
    default) describes it: channels with processing times and fees, components with their forms,
    the electronic form's fields. 404 when no version is in force that day."""

    serializer_class = ProcedureDetailSerializer
    pagination_class = None

    def get(self, request, code: str):
        on = self.parse(OnQuery).get("on")
        version = catalog.api_version_detail(code, on)
        if version is None:
            raise NotFound(
                _("Không có phiên bản nào của thủ tục %(code)s có hiệu lực ngày %(day)s.")
                % {"code": code, "day": (on or timezone.localdate()).isoformat()}
            )
        context = self.get_serializer_context() | {"on": on, "procedure_code": code}
        return Response(ProcedureDetailSerializer(version, context=context).data)


class AgencyQuery(serializers.Serializer):
    level = choice(Level.choices)
    parent = serializers.CharField(required=False, max_length=30)


@extend_schema_view(
    get=extend_schema(
        operation_id="agencies_list",
        tags=["agencies"],
        parameters=[
            OpenApiParameter(
                "level", str, enum=Level.values, description="Chỉ các đơn vị cấp này."
            ),
            OpenApiParameter(
                "parent", str, description="Chỉ các đơn vị trực thuộc mã định danh này."
            ),
            *PAGE_PARAMETERS,
            LANGUAGE_PARAMETER,
        ],
        responses={
            200: AgencySerializer(many=True),
            (400, PROBLEM): BAD_REQUEST,
            (429, PROBLEM): TOO_MANY,
            (500, PROBLEM): SERVER_ERROR,
        },
    )
)
class AgencyList(PublicView):
    """The agency tree (cây cơ quan, đơn vị) in tree order, dissolved and merged units included
    and marked."""

    serializer_class = AgencySerializer

    def cursor_ordering(self, request):
        return ("path",)

    def get(self, request):
        criteria = self.parse(AgencyQuery)
        parent = None
        if criteria.get("parent"):
            parent = agencies.find_by_code(criteria["parent"])
            if parent is None:
                raise exceptions.ValidationError(
                    {"parent": [_("Không có cơ quan, đơn vị với mã định danh này.")]}
                )
        rows = agencies.directory(level=criteria.get("level", ""), parent=parent)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="agencies_retrieve",
        tags=["agencies"],
        parameters=[LANGUAGE_PARAMETER],
        responses={
            200: AgencyDetailSerializer,
            (404, PROBLEM): NOT_FOUND,
            (429, PROBLEM): TOO_MANY,
            (500, PROBLEM): SERVER_ERROR,
        },
    )
)
class AgencyDetail(PublicView):
    """One agency by its identity code (mã định danh), with its direct children."""

    serializer_class = AgencyDetailSerializer
    pagination_class = None

    def get(self, request, code: str):
        agency = agencies.with_children(code)
        if agency is None:
            raise NotFound(
                _("Không có cơ quan, đơn vị với mã định danh %(code)s.") % {"code": code}
            )
        return Response(self.get_serializer(agency).data)


class Root(PublicView):
    """Where API v1 begins: links to its resources (trang gốc của API)."""

    schema = None
    pagination_class = None

    def get_view_name(self):
        return "motcua API v1"

    def get(self, request):
        return Response(
            {
                "procedures": request.build_absolute_uri(reverse("api:procedure-list")),
                "agencies": request.build_absolute_uri(reverse("api:agency-list")),
                "dossiers": request.build_absolute_uri(reverse("api:dossier-list")),
                "tracking": request.build_absolute_uri(reverse("api:tracking")),
                "reports_periodic": request.build_absolute_uri(reverse("api:report-periodic")),
                "reports_index766": request.build_absolute_uri(reverse("api:report-index766")),
                "token": request.build_absolute_uri(reverse("api:token")),
            }
        )


class Unknown(APIView):
    """Any other address under /api/v1/: a 404 problem rather than the site's HTML page."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    schema = None

    def initial(self, request, *args, **kwargs):
        language.activate_for(request)
        super().initial(request, *args, **kwargs)

    def get_view_name(self):
        return _("Không có tài nguyên này")

    def get(self, request, *args, **kwargs):
        raise NotFound(_("Không có tài nguyên này."))

    def http_method_not_allowed(self, request, *args, **kwargs):
        """Other methods: the same 404 (there is nothing here to refuse a method for)."""
        return self.get(request, *args, **kwargs)
