"""Statistics for API clients (scope ``reports:read``): the periodic resolution report and the
Decision 766 index of an agency of the client (or below it) over a period, computed by
``motcua.reports`` exactly as the managers' pages and exports compute them."""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.response import Response

from motcua.agencies import selectors as agencies
from motcua.reports import selectors as reports
from motcua.reports.common.forms import MAX_DAYS
from motcua.reports.common.periods import Period
from motcua.reports.common.scope import is_agency_of_record

from . import callers
from .base import LANGUAGE_PARAMETER, NOT_FOUND, PROBLEM, ClientView
from .constants import Scope
from .problems import NotFound
from .views_dossiers import BAD_REQUEST, ERRORS

PERIOD = re.compile(r"^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$")


def period_from(text: str) -> Period:
    """``2026`` (the year), ``2026-03`` (a month) or ``2026-Q1`` (a quarter)."""
    match = PERIOD.match(text.strip())
    if match is None:
        raise serializers.ValidationError(
            _("Kỳ báo cáo viết dạng YYYY, YYYY-MM hoặc YYYY-Qn, ví dụ 2026-Q1.")
        )
    year, month, quarter = int(match[1]), match[2], match[3]
    if month:
        first_month = last_month = int(month)
    elif quarter:
        first_month = 3 * int(quarter) - 2
        last_month = first_month + 2
    else:
        first_month, last_month = 1, 12
    start = datetime.date(year, first_month, 1)
    after = datetime.date(year + (last_month == 12), last_month % 12 + 1, 1)
    return Period(start, after - datetime.timedelta(days=1))


class ReportQuery(serializers.Serializer):
    agency = serializers.CharField(max_length=30, help_text="Mã định danh cơ quan.")
    period = serializers.CharField(required=False, max_length=10)
    start = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])
    end = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])
    field = serializers.CharField(required=False, max_length=50)

    def get_fields(self):
        # "from" is a Python word: the fields are declared as start and end, named from and to.
        fields = super().get_fields()
        fields["from"] = fields.pop("start")
        fields["to"] = fields.pop("end")
        return fields

    def validate_period(self, value):
        return period_from(value)

    def validate(self, data):
        start, end = data.get("from"), data.get("to")
        if "period" in data:
            if start or end:
                raise serializers.ValidationError(
                    {"period": [_("Cho kỳ báo cáo hoặc từ ngày – đến ngày, không cả hai.")]}
                )
            return data
        if not (start and end):
            raise serializers.ValidationError(
                {"period": [_("Hãy cho kỳ báo cáo (period) hoặc cả from và to.")]}
            )
        if end < start:
            raise serializers.ValidationError({"to": [_("Ngày kết thúc phải sau ngày bắt đầu.")]})
        if (end - start) > datetime.timedelta(days=MAX_DAYS):
            raise serializers.ValidationError({"to": [_("Kỳ báo cáo dài nhất là 3 năm.")]})
        data["period"] = Period(start, end)
        return data


REPORT_PARAMETERS = [
    OpenApiParameter(
        "agency", str, required=True, description="Mã định danh cơ quan (gồm đơn vị trực thuộc)."
    ),
    OpenApiParameter("period", str, description="Kỳ: YYYY, YYYY-MM hoặc YYYY-Qn."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Từ ngày (thay cho period)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Đến ngày (thay cho period)."),
    LANGUAGE_PARAMETER,
]


class ReportView(ClientView):
    required_scope = Scope.REPORTS_READ
    pagination_class = None

    def agency_and_period(self, request):
        criteria = self.parse(ReportQuery)
        code = criteria["agency"].strip()
        agency = agencies.find_by_code(code)
        if agency is None or not callers.of(request).may_report_on(agency):
            raise NotFound(
                _("Không có cơ quan, đơn vị với mã định danh %(code)s.") % {"code": code}
            )
        if not is_agency_of_record(agency):
            raise serializers.ValidationError(
                {
                    "agency": [
                        _(
                            "Đơn vị này không giải quyết hồ sơ nhân danh mình; hãy hỏi báo cáo "
                            "của cơ quan chủ quản."
                        )
                    ]
                }
            )
        period = criteria["period"]
        self.audit_extra = {
            "agency": agency.code,
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
        }
        return agency, period, criteria


@extend_schema_view(
    get=extend_schema(
        operation_id="reports_periodic_retrieve",
        tags=["reports"],
        parameters=[
            *REPORT_PARAMETERS,
            OpenApiParameter("field", str, description="Chỉ một lĩnh vực (mã lĩnh vực)."),
        ],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Báo cáo tình hình giải quyết TTHC: totals, units, fields; mỗi dòng có "
                "các cột của mẫu báo cáo và balanced (đẳng thức cân đối).",
            ),
            (400, PROBLEM): BAD_REQUEST,
            (404, PROBLEM): NOT_FOUND,
            **ERRORS,
        },
    )
)
class PeriodicReport(ReportView):
    """The periodic resolution report (báo cáo tình hình giải quyết TTHC) of the agency's
    subtree: per unit and per field, received against processed, in progress and paused."""

    audit_verb = "api_periodic_report"

    def get(self, request):
        agency, period, criteria = self.agency_and_period(request)
        report = reports.periodic_report(agency, period, field_code=criteria.get("field") or None)
        return Response(report.as_dict())


@extend_schema_view(
    get=extend_schema(
        operation_id="reports_index766_retrieve",
        tags=["reports"],
        parameters=REPORT_PARAMETERS,
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Bộ chỉ số 766: total, groups, indicators (numerator, denominator, "
                "ratio, points, max).",
            ),
            (400, PROBLEM): BAD_REQUEST,
            (404, PROBLEM): NOT_FOUND,
            **ERRORS,
        },
    )
)
class Index766(ReportView):
    """The Decision 766 index (Bộ chỉ số phục vụ người dân, doanh nghiệp) of the agency's
    subtree over the period, from the same computation as the managers' page."""

    audit_verb = "api_index766"

    def get(self, request):
        agency, period, _criteria = self.agency_and_period(request)
        return Response(reports.index_766(agency, period).as_dict())
