"""Create a dossier on behalf of an applicant (scope ``dossiers:write``): a sector system or the
provincial bus hands in a complete dossier at one of the client's receiving units, and it is
received there (tiếp nhận) by the client's officer account — the desk's service function
``dossiers.services.receive``, with its rules (competence, mandatory components, the form's
answers, the code, the appointment). Files come base64-encoded in the JSON body and pass the
same content checks as the pages' uploads (type read from the bytes, the component's size limit
and accepted types). ``Idempotency-Key`` makes a retried request return the same dossier."""

from __future__ import annotations

import base64
import binascii

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from motcua.agencies import selectors as agency_selectors
from motcua.audit.models import AuditAction
from motcua.catalog import selectors as catalog
from motcua.catalog.constants import Channel
from motcua.documents import services as documents
from motcua.documents.validation import validate_upload
from motcua.dossiers import services
from motcua.dossiers.constants import ApplicantKind, Delivery, FileOrigin
from motcua.dossiers.errors import DossierError, NotPermitted

from . import callers
from .base import BODY_ERRORS, LANGUAGE_PARAMETER, PROBLEM
from .constants import INTAKE_CHANNELS, Scope
from .serializers_dossiers import DossierDetailSerializer
from .views_actions import _idempotency_key
from .views_dossiers import BAD_REQUEST, ERRORS, DossierList, with_details


class FileInput(serializers.Serializer):
    name = serializers.CharField(max_length=255, help_text="Tên tệp, ví dụ to-khai.pdf.")
    content = serializers.CharField(help_text="Nội dung tệp, mã hóa base64.")


class ComponentInput(serializers.Serializer):
    component = serializers.IntegerField(
        min_value=1, help_text="Số thứ tự (order) của thành phần trong /procedures/{code}/."
    )
    files = FileInput(many=True, required=False, default=list)
    paper_originals = serializers.IntegerField(min_value=0, max_value=99, default=0)
    paper_copies = serializers.IntegerField(min_value=0, max_value=99, default=0)


class AuthorisationInput(serializers.Serializer):
    number = serializers.CharField(max_length=100, help_text="Số giấy ủy quyền.")
    signed_on = serializers.DateField(help_text="Ngày ký.")
    valid_until = serializers.DateField(
        required=False, allow_null=True, help_text="Có hiệu lực đến (trống: không thời hạn)."
    )
    issuer = serializers.CharField(max_length=255, help_text="Người ủy quyền (người ký).")
    file = FileInput(required=False, help_text="Bản quét giấy ủy quyền (bắt buộc).")


class ApplicantInput(serializers.Serializer):
    name = serializers.CharField(max_length=255, help_text="Họ tên chủ hồ sơ hoặc tên tổ chức.")
    kind = serializers.ChoiceField(choices=ApplicantKind.choices, default=ApplicantKind.CITIZEN)
    id_number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    representative_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    representative_id_number = serializers.CharField(
        max_length=20, required=False, allow_blank=True
    )
    representative_position = serializers.CharField(
        max_length=150, required=False, allow_blank=True
    )
    representative_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    authorisation = AuthorisationInput(
        required=False,
        allow_null=True,
        help_text="Giấy ủy quyền của người nộp thay; bắt buộc khi nộp thay tổ chức.",
    )
    birth_date = serializers.DateField(required=False, allow_null=True)


class DossierInput(serializers.Serializer):
    procedure = serializers.CharField(max_length=50, help_text="Mã TTHC, ví dụ 1.000100.")
    receiving_unit = serializers.CharField(
        max_length=40, help_text="Mã định danh của bộ phận một cửa tiếp nhận (của hệ thống)."
    )
    resolving_agency = serializers.CharField(
        max_length=40, required=False, help_text="Cơ quan giải quyết; mặc định nơi tiếp nhận."
    )
    channel = serializers.ChoiceField(choices=INTAKE_CHANNELS, default=Channel.DIRECT.value)
    delivery = serializers.ChoiceField(choices=Delivery.choices, default=Delivery.DESK)
    delivery_address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=500, required=False, allow_blank=True)
    applicant = ApplicantInput()
    answers = serializers.DictField(
        required=False, default=dict, help_text="Câu trả lời tờ khai, theo tên trường của thủ tục."
    )
    components = ComponentInput(many=True, allow_empty=True, default=list)


# The service's refusal codes that are about one field of the request.
FIELD_OF = {
    "form_answers": "answers",
    "missing_components": "components",
    "representation": "applicant",
}


def _bad(field: str, message: str):
    return exceptions.ValidationError({field: [message]})


def _agency(code: str, field: str):
    agency = agency_selectors.find_by_code(code)
    if agency is None:
        raise _bad(field, _("Không có cơ quan mã %(code)s.") % {"code": code})
    return agency


def _decoded(item: dict, component, path: str) -> ContentFile:
    try:
        raw = base64.b64decode(item["content"], validate=True)
    except (binascii.Error, ValueError):
        raise _bad(f"{path}.content", _("Nội dung tệp phải mã hóa base64.")) from None
    upload = ContentFile(raw, name=item["name"].rsplit("/", 1)[-1] or "tep")
    try:
        upload.checked_content_type = validate_upload(
            upload,
            max_bytes=getattr(component, "max_upload_bytes", None),
            accepted=getattr(component, "accepted_types", None),
            for_component=component is not None,
        )
    except DjangoValidationError as error:
        raise _bad(f"{path}.content", " ".join(error.messages)) from error
    return upload


def _components(version, given: list[dict], officer, stored: list) -> list[services.ComponentInput]:
    """Each component checked against the version's, every file checked before any is stored."""
    known = {c.order: c for c in version.components.all()}
    checked = []
    for index, item in enumerate(given):
        component = known.get(item["component"])
        if component is None:
            raise _bad(
                f"components.{index}.component",
                _("Thủ tục không có thành phần số %(n)s.") % {"n": item["component"]},
            )
        uploads = [
            _decoded(f, component, f"components.{index}.files.{n}")
            for n, f in enumerate(item["files"])
        ]
        checked.append((component, item, uploads))

    return [
        services.ComponentInput(
            name=component.name,
            component=component,
            files=[_store(upload, officer, stored) for upload in uploads],
            origin=FileOrigin.UPLOADED if uploads else FileOrigin.PAPER_ONLY,
            paper_originals=item["paper_originals"],
            paper_copies=item["paper_copies"],
        )
        for component, item, uploads in checked
    ]


def _store(upload, officer, stored: list):
    stored.append(
        documents.store_file(
            upload, name=upload.name, content_type=upload.checked_content_type, uploaded_by=officer
        )
    )
    return stored[-1]


def _applicant(given: dict, officer, stored: list) -> services.Applicant:
    """The applicant, and the authorisation of whoever files for them with its scan stored."""
    values = dict(given)
    paper = values.pop("authorisation", None)
    applicant = services.Applicant(**values)
    if paper:
        scan = paper.get("file")
        path = "applicant.authorisation.file"
        files = [_store(_decoded(scan, None, path), officer, stored)] if scan else []
        applicant.authorisation = services.AuthorisationInput(
            number=paper["number"],
            signed_on=paper["signed_on"],
            valid_until=paper.get("valid_until"),
            issuer=paper["issuer"],
            files=files,
        )
    return applicant


@extend_schema_view(
    get=extend_schema(
        description="Dossiers of the client's agencies and their sub-units (received, resolved, "
        "held there or sent there for liên thông), newest first; drafts never."
    ),
    post=extend_schema(
        operation_id="dossiers_create",
        description="Receive a complete dossier for an applicant at one of the client's "
        "receiving units (scope dossiers:write), as the desk does: the procedure's version in "
        "force, its mandatory components, the form's answers. Files are base64 in the JSON "
        "body and pass the pages' content checks. The answer is the new dossier (201, with "
        "Location and ETag); the same Idempotency-Key returns the same dossier.",
        tags=["dossiers"],
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="Khóa chống gửi lặp (1–64 ký tự): gửi lại cùng khóa được cùng hồ sơ.",
            ),
            LANGUAGE_PARAMETER,
        ],
        request=DossierInput,
        responses={
            201: DossierDetailSerializer,
            (400, PROBLEM): BAD_REQUEST,
            **BODY_ERRORS,
            **ERRORS,
        },
    ),
)
class DossierCollection(DossierList):
    """``GET``: the dossiers of the client's agencies. ``POST`` (scope dossiers:write): receive a
    complete dossier for an applicant at one of the client's receiving units; the answer is the
    new dossier (201, with Location and ETag)."""

    @property
    def required_scope(self):
        if self.request.method == "POST":
            return Scope.DOSSIERS_WRITE
        return Scope.DOSSIERS_READ

    def post(self, request):
        self.audit_verb = "api_create_dossier"
        self.audit_action = AuditAction.CHANGE
        caller = callers.of(request)
        key = _idempotency_key(request, caller.client)
        body = DossierInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        version = catalog.published_version_on(data["procedure"])
        if version is None:
            raise _bad(
                "procedure",
                _("Không có thủ tục %(code)s đang áp dụng.") % {"code": data["procedure"]},
            )
        receiving = _agency(data["receiving_unit"], "receiving_unit")
        if not any(receiving.path.startswith(a.path) for a in caller.agencies):
            raise _bad(
                "receiving_unit",
                _("Hệ thống chỉ tiếp nhận hồ sơ tại các cơ quan được gắn với nó."),
            )
        resolving = (
            _agency(data["resolving_agency"], "resolving_agency")
            if data.get("resolving_agency")
            else receiving
        )
        officer = caller.client.officer if caller.client is not None else None
        # Files and dossier in one transaction; the objects of files stored for a request that
        # fails, or that repeats a key already received, are removed (no orphan in the store).
        stored = []
        try:
            with transaction.atomic():
                dossier = self._receive(data, version, receiving, resolving, officer, key, stored)
        except BaseException:
            documents.discard(stored)
            raise
        if stored and not dossier.components.filter(files__in=stored).exists():
            documents.discard(stored)  # a repeat: the dossier received the first time
        self.audited = dossier
        self.audit_extra = {"idempotency_key": key or ""}
        fresh = with_details(caller.dossiers()).get(pk=dossier.pk)
        context = self.get_serializer_context() | {"dossier_code": fresh.code}
        response = Response(
            DossierDetailSerializer(fresh, context=context).data, status=status.HTTP_201_CREATED
        )
        response["ETag"] = f'"{fresh.version}"'
        response["Location"] = f"/api/v1/dossiers/{fresh.code}/"
        return response

    def _receive(self, data, version, receiving, resolving, officer, key, stored):
        applicant = _applicant(data["applicant"], officer, stored)
        try:
            return services.receive(
                actor=officer,
                procedure_version=version,
                receiving_unit=receiving,
                resolving_agency=resolving,
                applicant=applicant,
                components=_components(version, data["components"], officer, stored),
                channel=data["channel"],
                delivery=data["delivery"],
                delivery_address=data.get("delivery_address", ""),
                summary=data.get("summary", ""),
                form_data={"fields": data["answers"]} if data["answers"] else None,
                idempotency_key=key,
            )
        except NotPermitted as error:
            raise exceptions.PermissionDenied(" ".join(error.messages)) from error
        except DossierError as error:
            # The service's rules about what was given (missing components, the form's
            # answers, competence): bad input, on the field it is about where one is.
            codes = {getattr(e, "code", None) for e in error.error_list}
            field = next((FIELD_OF[c] for c in codes if c in FIELD_OF), "non_field_errors")
            raise exceptions.ValidationError({field: error.messages}) from error
