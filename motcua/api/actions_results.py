"""The later actions on a dossier for API clients, each through the same service function as
the dossier page: ``complete_supplement`` (nhận hồ sơ bổ sung, with the supplement's files),
``approve`` (phê duyệt, with an optional result file), ``record_result``
(ban hành kết quả, with the result file), ``return_result`` (trả kết quả), ``transfer`` (chuyển
cơ quan phối hợp, liên thông), ``stop`` (dừng xử lý), ``withdraw`` (rút hồ sơ theo yêu cầu).

Files come as ``multipart/form-data`` and pass the same content checks as the pages'
(``documents.validation``: type read from the bytes, size limit); a result issued is sealed
with the resolving agency's signature as on the page. The client's system is not a person: it
never puts a personal signature on an approval — a file it uploads was signed where it was
approved."""

from __future__ import annotations

import os
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.misc import PdfReadError
from rest_framework import serializers

from motcua.agencies import selectors as agency_selectors
from motcua.agencies.constants import Level
from motcua.backoffice import officers
from motcua.documents import services as documents
from motcua.documents.validation import validate_upload
from motcua.dossiers import services
from motcua.dossiers.constants import FileOrigin, Outcome
from motcua.dossiers.errors import RuleViolation
from motcua.signatures import results as signed_results
from motcua.signatures import services as signatures


class CheckedFile(serializers.FileField):
    """One uploaded file, refused (400, with the documents app's reason) when its content is
    empty, too large or of a type not accepted."""

    def to_internal_value(self, data):
        upload = super().to_internal_value(data)
        try:
            upload.checked_content_type = validate_upload(upload)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        return upload


def _store(upload, user):
    if not upload:
        return None
    return documents.store_file(
        upload,
        name=os.path.basename(upload.name or "tep"),
        content_type=upload.checked_content_type,
        uploaded_by=user,
    )


def _seal(dossier, user):
    """The resolving agency's seal on a result PDF as it is issued (ND 30/2020), as the page
    does; files of other types are kept as they are."""

    def seal(stored, name: str):
        if stored.content_type != signatures.PDF:
            return stored
        try:
            return signed_results.sign_result_file(
                stored,
                dossier=dossier,
                actor=user,
                title=name,
                reason=_("Ban hành kết quả giải quyết hồ sơ %(code)s") % {"code": dossier.code},
                seal=True,
            )
        except (PdfReadError, ValueError) as error:
            raise RuleViolation(
                _("Không ký số được tệp “%(name)s”: tệp PDF bị hỏng hoặc không đọc được.")
                % {"name": stored.name},
                code="unsignable_pdf",
            ) from error

    return seal


class SupplementFilesInput(serializers.Serializer):
    files = serializers.ListField(
        child=CheckedFile(),
        allow_empty=False,
        max_length=20,
        help_text="Giấy tờ bổ sung: một hoặc nhiều tệp (lặp lại trường files).",
    )
    origin = serializers.ChoiceField(
        choices=[FileOrigin.UPLOADED.value, FileOrigin.SCANNED.value],
        default=FileOrigin.UPLOADED.value,
        help_text="uploaded: người nộp tải lên (trực tuyến); scanned: số hóa tại Bộ phận Một cửa.",
    )
    name = serializers.CharField(required=False, allow_blank=True, max_length=255)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ApproveInput(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[Outcome.GRANTED.value, Outcome.REFUSED.value],
        default=Outcome.GRANTED.value,
        help_text="granted: giải quyết; refused: từ chối (cần note nêu lý do).",
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    document_number = serializers.CharField(required=False, allow_blank=True, max_length=100)
    result_name = serializers.CharField(required=False, allow_blank=True, max_length=255)
    result_file = CheckedFile(
        required=False, help_text="Tệp kết quả đã ký (PDF); không gửi thì dùng dự thảo."
    )


class RecordResultInput(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=255)
    document_number = serializers.CharField(required=False, allow_blank=True, max_length=100)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    file = CheckedFile(
        required=False, help_text="Tệp kết quả (PDF); không gửi thì dùng bản lãnh đạo đã ký."
    )


class ReturnResultInput(serializers.Serializer):
    recipient_name = serializers.CharField(required=False, allow_blank=True, max_length=255)
    recipient_id_number = serializers.CharField(required=False, allow_blank=True, max_length=20)
    tracking_code = serializers.CharField(required=False, allow_blank=True, max_length=50)
    postal_fee = serializers.DecimalField(
        required=False, allow_null=True, max_digits=12, decimal_places=0, min_value=0
    )
    originals_returned = serializers.BooleanField(required=False, default=False)
    originals_note = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class TransferInput(serializers.Serializer):
    to_agency = serializers.CharField(
        max_length=40, help_text="Mã định danh của cơ quan phối hợp (cùng tỉnh)."
    )
    task = serializers.CharField(max_length=2000, help_text="Nội dung đề nghị phối hợp.")
    quota_hours = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        min_value=Decimal("0.25"),
        help_text="Thời hạn, giờ làm việc.",
    )


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Lý do.")


class OptionalReasonInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


def _complete_supplement(dossier, actor, data, **common):
    item = services.ComponentInput(
        name=data.get("name") or _("Giấy tờ bổ sung"),
        files=[_store(upload, actor) for upload in data["files"]],
        origin=data["origin"],
    )
    return services.complete_supplement(
        dossier, actor=actor, components=[item], note=data.get("note", ""), **common
    )


def _approve(dossier, actor, data, **common):
    return services.approve(
        dossier,
        actor=actor,
        decision=data["decision"],
        note=data.get("note", ""),
        document_number=data.get("document_number", ""),
        result_name=data.get("result_name", ""),
        result_file=_store(data.get("result_file"), actor),
        seal=_seal(dossier, actor),
        **common,
    )


def _record_result(dossier, actor, data, **common):
    return services.record_result(
        dossier,
        actor=actor,
        name=data.get("name", ""),
        document_number=data.get("document_number", ""),
        file=_store(data.get("file"), actor),
        seal=_seal(dossier, actor),
        note=data.get("note", ""),
        **common,
    )


def _return_result(dossier, actor, data, **common):
    return services.return_result(
        dossier,
        actor=actor,
        recipient_name=data.get("recipient_name", ""),
        recipient_id_number=data.get("recipient_id_number", ""),
        tracking_code=data.get("tracking_code", ""),
        postal_fee=data.get("postal_fee"),
        originals_returned=data.get("originals_returned", False),
        originals_note=data.get("originals_note", ""),
        note=data.get("note", ""),
        **common,
    )


def _partner(dossier, code: str):
    """The agency named by ``code``, if the page would offer it: active, of the dossier's
    province, not an internal unit; a 400 on ``to_agency`` otherwise."""
    agency = agency_selectors.find_by_code(code)
    province = officers.province_of(dossier.resolving_agency)
    if (
        agency is None
        or agency.level == Level.UNIT
        or not agency.is_active_on(agency_selectors.today())
        or (province is not None and not agency.path.startswith(province.path))
    ):
        raise serializers.ValidationError(
            {"to_agency": [_("Không có cơ quan phối hợp mã %(code)s.") % {"code": code}]}
        )
    return agency


def _transfer(dossier, actor, data, **common):
    return services.transfer(
        dossier,
        actor=actor,
        to_agency=_partner(dossier, data["to_agency"]),
        task=data["task"],
        quota_hours=data["quota_hours"],
        **common,
    )


def _stop(dossier, actor, data, **common):
    return services.stop(dossier, actor=actor, reason=data["reason"], **common)


def _withdraw(dossier, actor, data, **common):
    return services.withdraw(dossier, actor=actor, reason=data.get("reason", ""), **common)


ACTIONS = {
    "complete_supplement": (SupplementFilesInput, _complete_supplement),
    "approve": (ApproveInput, _approve),
    "record_result": (RecordResultInput, _record_result),
    "return_result": (ReturnResultInput, _return_result),
    "transfer": (TransferInput, _transfer),
    "stop": (ReasonInput, _stop),
    "withdraw": (OptionalReasonInput, _withdraw),
}
