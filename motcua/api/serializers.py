"""The JSON shapes of the public catalogue (danh mục thủ tục hành chính) and agency tree (cây cơ
quan, đơn vị). Output only: the catalogue is written through the administration and the
catalogue files, never through the API. Field descriptions come from the models' help_text."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.agencies.models import Agency
from motcua.catalog import fees
from motcua.catalog.models import (
    ChannelTerm,
    Component,
    FeeLine,
    Field,
    FormTemplate,
    LegalBasis,
    ProcedureVersion,
    VersionAgency,
)


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


class FieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = Field
        fields = ["code", "name"]


class ProcedureSummarySerializer(serializers.ModelSerializer):
    """One procedure as the version in force on the day asked shows it."""

    code = serializers.CharField(source="procedure.code", help_text="Mã TTHC quốc gia (MaTTHC).")
    version = serializers.IntegerField(source="number", help_text="Số phiên bản đang áp dụng.")
    field = FieldSerializer()
    url = serializers.SerializerMethodField(help_text="Địa chỉ API của thủ tục.")

    class Meta:
        model = ProcedureVersion
        fields = [
            "code",
            "name",
            "version",
            "field",
            "level",
            "online_level",
            "full_online_eligible",
            "valid_from",
            "valid_to",
            "url",
        ]

    def get_url(self, version) -> str:
        path = reverse("api:procedure-detail", args=[version.procedure.code])
        return _absolute(self.context.get("request"), path)


class FeeLineSerializer(serializers.ModelSerializer):
    amount = serializers.IntegerField(help_text="Mức thu bằng đồng; 0 là miễn thu.")
    tier_amount = serializers.IntegerField(
        allow_null=True, help_text="Mức thu từ đơn vị tier_from trở đi, đồng."
    )
    maximum = serializers.IntegerField(
        allow_null=True, help_text="Mức thu tối đa, đồng; null: không giới hạn."
    )
    unit = serializers.SerializerMethodField(
        help_text="Đơn vị tính (bản, trang, trường hợp…); rỗng khi cố định."
    )
    waived = serializers.SerializerMethodField(
        help_text="Miễn thu: không thu dù yêu cầu bao nhiêu."
    )
    rate_text = serializers.SerializerMethodField(
        help_text="Mức thu như trang thủ tục ghi, ví dụ “2.000 đồng/trang” hoặc “miễn”."
    )

    class Meta:
        model = FeeLine
        fields = [
            "order",
            "name",
            "code",
            "kind",
            "stage",
            "basis",
            "amount",
            "unit",
            "quantity_field",
            "copies_field",
            "tier_from",
            "tier_amount",
            "maximum",
            "waived",
            "rate_text",
            "description",
        ]

    def get_unit(self, line) -> str:
        return str(fees.unit_of(line))

    def get_waived(self, line) -> bool:
        return fees.is_waived(line)

    def get_rate_text(self, line) -> str:
        return str(fees.rate_text(line))


class ProcessingTimeSerializer(serializers.Serializer):
    amount = serializers.DecimalField(
        max_digits=7, decimal_places=2, coerce_to_string=False, source="processing_amount"
    )
    unit = serializers.CharField(source="processing_unit", help_text="working_days, working_hours…")


class ChannelSerializer(serializers.ModelSerializer):
    processing_time = ProcessingTimeSerializer(source="*")
    fee_lines = FeeLineSerializer(many=True)

    class Meta:
        model = ChannelTerm
        fields = ["channel", "processing_time", "same_day", "description", "fee_lines"]


class FormTemplateSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Địa chỉ tải mẫu (trang thủ tục của Cổng).")

    class Meta:
        model = FormTemplate
        fields = ["id", "title", "filename", "content_type", "size", "sha256", "url"]

    def get_url(self, form) -> str:
        code = self.context["procedure_code"]
        path = reverse("portal:procedures:form", args=[code, form.pk])
        return _absolute(self.context.get("request"), path)


class ComponentSerializer(serializers.ModelSerializer):
    form = FormTemplateSerializer(allow_null=True)

    class Meta:
        model = Component
        fields = [
            "order",
            "code",
            "name",
            "requirement",
            "condition",
            "originals",
            "copies",
            "source",
            "national_database",
            "vneid_exempt",
            "max_upload_mb",
            "accepted_types",
            "form",
        ]


class VersionAgencySerializer(serializers.ModelSerializer):
    agency = serializers.CharField(
        source="agency.code",
        allow_null=True,
        default=None,
        help_text="Mã định danh của cơ quan cụ thể, nếu có.",
    )

    class Meta:
        model = VersionAgency
        fields = ["order", "role", "level", "name", "agency"]


class LegalBasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalBasis
        fields = ["order", "number", "title", "effective_from", "effective_to"]


class ChoiceOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class FormFieldSerializer(serializers.Serializer):
    """A field of the electronic application form (tờ khai điện tử); absent keys are not set."""

    name = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=["text", "textarea", "date", "integer", "choice"], required=False
    )
    required = serializers.BooleanField(required=False)
    help = serializers.CharField(required=False)
    choices = ChoiceOptionSerializer(many=True, required=False)
    min = serializers.IntegerField(required=False)
    max = serializers.IntegerField(required=False)
    not_after = serializers.SerializerMethodField(
        help_text="Ngày không được sau: “today” hoặc tên trường khác (kind date)."
    )
    not_before = serializers.SerializerMethodField(help_text="Các mốc ngày không được trước.")

    @staticmethod
    def _as_list(value) -> list[str]:
        if not value:
            return []
        return [value] if isinstance(value, str) else [str(item) for item in value]

    def get_not_after(self, spec) -> list[str]:
        return self._as_list(spec.get("not_after"))

    def get_not_before(self, spec) -> list[str]:
        return self._as_list(spec.get("not_before"))


class ProcedureDetailSerializer(ProcedureSummarySerializer):
    """The version in force on the day asked, with everything an applicant needs."""

    on = serializers.SerializerMethodField(help_text="Ngày mà phiên bản này được tra cứu.")
    result_template = FormTemplateSerializer(allow_null=True)
    agencies = VersionAgencySerializer(many=True)
    channels = ChannelSerializer(many=True)
    components = ComponentSerializer(many=True)
    form_fields = FormFieldSerializer(many=True)
    legal_basis = LegalBasisSerializer(many=True)

    class Meta(ProcedureSummarySerializer.Meta):
        fields = [
            *ProcedureSummarySerializer.Meta.fields,
            "on",
            "subjects",
            "sequence",
            "conditions",
            "result_name",
            "result_is_document",
            "result_template",
            "cutoff_time",
            "decision_number",
            "decision_date",
            "agencies",
            "channels",
            "components",
            "form_fields",
            "legal_basis",
        ]

    @extend_schema_field(OpenApiTypes.DATE)
    def get_on(self, version) -> datetime.date:
        return self.context.get("on") or timezone.localdate()


class AgencyRefSerializer(serializers.ModelSerializer):
    """Another agency named by an agency: its identity code and name."""

    class Meta:
        model = Agency
        fields = ["code", "name"]


class AgencySerializer(serializers.ModelSerializer):
    parent = AgencyRefSerializer(allow_null=True)
    successor = AgencyRefSerializer(allow_null=True)
    dissolved = serializers.SerializerMethodField(
        help_text="Đã sáp nhập hoặc giải thể: ngày cuối cùng hoạt động (valid_to) đã qua."
    )
    url = serializers.SerializerMethodField(
        help_text="Địa chỉ API của cơ quan; null với đơn vị trực thuộc chưa có mã định danh."
    )

    class Meta:
        model = Agency
        fields = [
            "code",
            "name",
            "short_name",
            "level",
            "parent",
            "valid_from",
            "valid_to",
            "dissolved",
            "successor",
            "runs_one_stop_desk",
            "url",
        ]

    def get_dissolved(self, agency) -> bool:
        return agency.valid_to is not None and agency.valid_to < timezone.localdate()

    def get_url(self, agency) -> str | None:
        if not agency.code:  # a unit (phòng, ban) may have no identity code of its own
            return None
        path = reverse("api:agency-detail", args=[agency.code])
        return _absolute(self.context.get("request"), path)


class ChildAgencySerializer(AgencySerializer):
    class Meta(AgencySerializer.Meta):
        fields = [f for f in AgencySerializer.Meta.fields if f != "parent"]


class AgencyDetailSerializer(AgencySerializer):
    children = ChildAgencySerializer(many=True, help_text="Đơn vị trực thuộc, kể cả đã giải thể.")

    class Meta(AgencySerializer.Meta):
        fields = [
            *AgencySerializer.Meta.fields,
            "desk_name",
            "address",
            "phone",
            "email",
            "children",
        ]
