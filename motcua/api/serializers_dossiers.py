"""The JSON shapes of dossiers (hồ sơ) for API clients: a list row and the full detail with its
history, steps, pauses, fees, documents (with their SHA-256) and results. Output only."""

from __future__ import annotations

from functools import lru_cache

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.documents.models import StoredFile
from motcua.dossiers.constants import ApplicantKind, Status
from motcua.dossiers.models import (
    Authorisation,
    Dossier,
    DossierComponent,
    DossierFee,
    DossierResult,
    DossierStep,
    Event,
    Pause,
)
from motcua.dossiers.national import national_status

from .serializers import AgencyRefSerializer


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


class NationalStatusSerializer(serializers.Serializer):
    code = serializers.IntegerField(help_text="Mã trạng thái trên Cổng DVC quốc gia (1–10).")
    label = serializers.CharField()


class StatusSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Trạng thái nội bộ.")
    label = serializers.CharField(help_text="Tên trạng thái, theo ngôn ngữ của yêu cầu.")
    national = NationalStatusSerializer(
        allow_null=True, help_text="TrangThaiHoSo đồng bộ Cổng DVC quốc gia."
    )


def status_of(dossier: Dossier) -> dict:
    """The dossier's status with its labels in the request's language (the same object for
    every dossier of that status and language: a list translates each status once; not to be
    modified)."""
    return _status(dossier.status, get_language())


@lru_cache(maxsize=128)
def _status(status: str, language: str) -> dict:
    national = national_status(status)
    return {
        "code": status,
        "label": str(Status(status).label),
        "national": None
        if national is None
        else {"code": int(national), "label": str(national.label)},
    }


class ProcedureRefSerializer(serializers.Serializer):
    code = serializers.CharField(source="procedure.code", help_text="Mã TTHC.")
    name = serializers.CharField()
    version = serializers.IntegerField(
        source="number", help_text="Phiên bản thủ tục hồ sơ được nộp theo."
    )


class DossierSummarySerializer(serializers.ModelSerializer):
    """One dossier in a list."""

    status = serializers.SerializerMethodField()
    procedure = ProcedureRefSerializer(source="procedure_version")
    receiving_unit = AgencyRefSerializer()
    holder = AgencyRefSerializer()
    url = serializers.SerializerMethodField(help_text="Địa chỉ API của hồ sơ.")

    class Meta:
        model = Dossier
        fields = [
            "code",
            "version",
            "status",
            "procedure",
            "channel",
            "applicant_kind",
            "applicant_name",
            "receiving_unit",
            "holder",
            "submitted_at",
            "received_at",
            "due_at",
            "finished_at",
            "returned_at",
            "url",
        ]

    @extend_schema_field(StatusSerializer)
    def get_status(self, dossier) -> dict:
        return status_of(dossier)

    def get_url(self, dossier) -> str:
        url = reverse("api:dossier-detail", args=[dossier.code])
        return _absolute(self.context.get("request"), url)


class DossierFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Tải tệp (kèm tiêu đề Digest).")

    class Meta:
        model = StoredFile
        fields = ["id", "name", "content_type", "size", "sha256", "url"]

    def get_url(self, stored) -> str:
        code = self.context["dossier_code"]
        url = reverse("api:dossier-document", args=[code, stored.pk])
        return _absolute(self.context.get("request"), url)


class DossierDocumentSerializer(serializers.ModelSerializer):
    """A document of the dossier (thành phần hồ sơ) with its files."""

    files = DossierFileSerializer(many=True)

    class Meta:
        model = DossierComponent
        fields = [
            "name",
            "origin",
            "digitized",
            "reused",
            "source_database",
            "paper_originals",
            "paper_copies",
            "files",
        ]


class EventSerializer(serializers.ModelSerializer):
    action_label = serializers.CharField(source="get_action_display")
    actor = serializers.SerializerMethodField(help_text="Họ tên người thực hiện; trống: hệ thống.")
    actor_unit = AgencyRefSerializer(allow_null=True)
    attachments = DossierFileSerializer(many=True)

    class Meta:
        model = Event
        fields = [
            "sequence",
            "action",
            "action_label",
            "from_status",
            "to_status",
            "at",
            "actor",
            "actor_unit",
            "actor_role",
            "reason",
            "due_at",
            "attachments",
        ]

    def get_actor(self, event) -> str:
        return event.actor.get_full_name() if event.actor_id else ""


class StepSerializer(serializers.ModelSerializer):
    agency = AgencyRefSerializer(allow_null=True)

    class Meta:
        model = DossierStep
        fields = [
            "order",
            "stage",
            "name",
            "role",
            "agency",
            "quota_hours",
            "started_at",
            "due_at",
            "finished_at",
            "worked_hours",
        ]


class PauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pause
        fields = ["reason", "started_at", "ended_at", "note"]


class FeeSerializer(serializers.ModelSerializer):
    amount = serializers.IntegerField(help_text="Số tiền, đồng.")

    class Meta:
        model = DossierFee
        fields = [
            "name",
            "code",
            "kind",
            "stage",
            "basis",
            "unit",
            "quantity",
            "copies",
            "amount",
            "paid_at",
            "paid_online",
        ]


class ResultSerializer(serializers.ModelSerializer):
    file = DossierFileSerializer(allow_null=True)

    class Meta:
        model = DossierResult
        fields = ["code", "kind", "name", "document_number", "issued_at", "file"]


class AuthorisationSerializer(serializers.ModelSerializer):
    """The authorisation the representative filed under (giấy ủy quyền); its scan is the
    dossier document named ``document`` (in ``documents``)."""

    document = serializers.CharField(source="document.name", help_text="Tên giấy tờ chứa bản quét.")

    class Meta:
        model = Authorisation
        fields = ["number", "signed_on", "valid_until", "issuer", "document"]


class ApplicantSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(source="applicant_kind", choices=ApplicantKind.choices)
    name = serializers.CharField(source="applicant_name")
    id_number = serializers.CharField(source="applicant_id_number")
    phone = serializers.CharField(source="applicant_phone")
    email = serializers.CharField(source="applicant_email")
    address = serializers.CharField(source="applicant_address")
    representative_name = serializers.CharField()
    representative_id_number = serializers.CharField()
    representative_position = serializers.CharField()
    representative_phone = serializers.CharField()
    authorisation = serializers.SerializerMethodField()
    vneid_verified = serializers.BooleanField()

    @extend_schema_field(AuthorisationSerializer(allow_null=True))
    def get_authorisation(self, dossier):
        try:
            paper = dossier.authorisation
        except ObjectDoesNotExist:
            return None
        return AuthorisationSerializer(paper).data


class DossierDetailSerializer(DossierSummarySerializer):
    """Everything about one dossier, in the order the dossier page shows it."""

    applicant = ApplicantSerializer(source="*")
    resolving_agency = AgencyRefSerializer()
    history = EventSerializer(source="events", many=True)
    steps = StepSerializer(many=True)
    pauses = PauseSerializer(many=True)
    fees = FeeSerializer(many=True)
    documents = DossierDocumentSerializer(source="components", many=True)
    results = ResultSerializer(many=True)

    class Meta(DossierSummarySerializer.Meta):
        fields = [
            "code",
            "version",
            "status",
            "outcome",
            "procedure",
            "channel",
            "applicant",
            "summary",
            "form_data",
            "delivery",
            "delivery_address",
            "receiving_unit",
            "resolving_agency",
            "holder",
            "submitted_at",
            "received_at",
            "clock_start_at",
            "original_due_at",
            "due_at",
            "finished_at",
            "returned_at",
            "history",
            "steps",
            "pauses",
            "fees",
            "documents",
            "results",
            "url",
        ]
