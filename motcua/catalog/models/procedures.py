"""Fields, procedures and their versions (lĩnh vực, thủ tục hành chính, phiên bản công bố)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.agencies.constants import Level

from ..constants import (
    AgencyRole,
    OnlineLevel,
    ProcedureLevel,
    Subject,
    VersionEventKind,
    VersionStatus,
)


class Field(models.Model):
    """A sector of procedures (lĩnh vực), e.g. Hộ tịch, Chứng thực, Cư trú."""

    code = models.CharField(
        _("mã lĩnh vực"),
        max_length=40,
        unique=True,
        help_text=_("Mã lĩnh vực (MaLinhVuc) theo danh mục của Văn phòng Chính phủ."),
    )
    name = models.CharField(
        _("tên lĩnh vực"), max_length=255, help_text=_("Tên lĩnh vực (TenLinhVuc).")
    )

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """An administrative procedure (thủ tục hành chính, TTHC) identified by its code in the
    national procedure database. Its content lives in versions."""

    code = models.CharField(
        _("mã thủ tục"),
        max_length=40,
        unique=True,
        help_text=_(
            "Mã TTHC (MaTTHC) trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ 1.001193; "
            "thủ tục riêng của tỉnh có hậu tố mã tỉnh, ví dụ 1.000948.H38."
        ),
    )
    created_at = models.DateTimeField(
        _("thời điểm tạo"), auto_now_add=True, help_text=_("Thời điểm thủ tục được nhập hệ thống.")
    )

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ProcedureVersion(models.Model):
    """The content of a procedure as published by one decision (quyết định công bố), valid for
    a period. A published version is never changed: a change is a new version. A dossier
    points to the version in force when it was received."""

    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        related_name="versions",
        help_text=_("Thủ tục hành chính mà phiên bản này mô tả."),
    )
    number = models.PositiveIntegerField(
        _("số phiên bản"), help_text=_("Số thứ tự phiên bản trong thủ tục, bắt đầu từ 1.")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
        help_text=_("Bản nháp, đang công khai hoặc đã bãi bỏ; chỉ đổi qua các nghiệp vụ."),
    )
    name = models.CharField(_("tên thủ tục"), max_length=500, help_text=_("Tên TTHC (TenTTHC)."))
    field = models.ForeignKey(
        Field,
        verbose_name=_("lĩnh vực"),
        on_delete=models.PROTECT,
        related_name="versions",
        help_text=_("Lĩnh vực thực hiện (LinhVucThucHien)."),
    )
    level = models.CharField(
        _("cấp thực hiện"),
        max_length=20,
        choices=ProcedureLevel.choices,
        help_text=_("Cấp thực hiện: cấp bộ, cấp tỉnh hoặc cấp xã."),
    )
    subjects = models.JSONField(
        _("đối tượng thực hiện"),
        default=list,
        blank=True,
        help_text=_("Danh sách đối tượng thực hiện (mã trong danh mục Subject)."),
    )
    sequence = models.TextField(
        _("trình tự thực hiện"), blank=True, help_text=_("Trình tự thực hiện, như đã công bố.")
    )
    conditions = models.TextField(
        _("yêu cầu, điều kiện"),
        blank=True,
        help_text=_("Yêu cầu, điều kiện thực hiện thủ tục (nếu có)."),
    )
    result_name = models.CharField(
        _("kết quả thực hiện"),
        max_length=500,
        blank=True,
        help_text=_("Tên giấy tờ là kết quả giải quyết TTHC."),
    )
    result_template = models.ForeignKey(
        "catalog.FormTemplate",
        verbose_name=_("mẫu kết quả"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="result_of_versions",
        help_text=_("Mẫu giấy tờ kết quả (nếu có)."),
    )
    result_is_document = models.BooleanField(
        _("kết quả là văn bản, giấy tờ"),
        default=True,
        help_text=_(
            "Thủ tục yêu cầu trả kết quả bằng văn bản, giấy tờ (chỉ số 766: 3.3, 4.1, 4.2)."
        ),
    )
    online_level = models.CharField(
        _("mức độ DVC trực tuyến"),
        max_length=20,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
        help_text=_("Dịch vụ công trực tuyến toàn trình, một phần hoặc không cung cấp."),
    )
    full_online_eligible = models.BooleanField(
        _("đủ điều kiện DVC toàn trình"),
        default=False,
        help_text=_("Đủ điều kiện thực hiện DVC trực tuyến toàn trình (chỉ số 766 nhóm 3)."),
    )
    cutoff_time = models.TimeField(
        _("giờ chốt tiếp nhận trong ngày"),
        null=True,
        blank=True,
        help_text=_(
            "Hồ sơ nhận sau giờ này được tính từ ngày làm việc tiếp theo, ví dụ 15:00 "
            "(ND 23/2015 Điều 21; ND 61/2018 Điều 18). Trống nếu không áp dụng."
        ),
    )
    valid_from = models.DateField(
        _("hiệu lực từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày phiên bản bắt đầu áp dụng; bắt buộc khi công bố."),
    )
    valid_to = models.DateField(
        _("hiệu lực đến ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối cùng áp dụng; trống nếu chưa có phiên bản thay thế."),
    )
    decision_number = models.CharField(
        _("số quyết định công bố"),
        max_length=100,
        blank=True,
        help_text=_("Số, ký hiệu quyết định công bố TTHC, ví dụ 1234/QĐ-UBND."),
    )
    decision_date = models.DateField(
        _("ngày quyết định công bố"),
        null=True,
        blank=True,
        help_text=_("Ngày ký quyết định công bố (chỉ số 766: 1.1, 1.2)."),
    )
    form_fields = models.JSONField(
        _("trường thông tin của tờ khai"),
        default=list,
        blank=True,
        help_text=_(
            "Các trường riêng của tờ khai điện tử: mỗi trường có name, label, kind (text, "
            "textarea, integer, date, choice), required, help, choices, min, max, max_length; "
            "trường ngày có thể có not_before, not_after (today, applicant.birth_date hoặc tên "
            "trường ngày khác). Trống: Cổng hỏi bộ trường chung."
        ),
    )
    source_note = models.TextField(
        _("ghi chú nguồn"),
        blank=True,
        help_text=_(
            "Nguồn của nội dung và những số liệu chưa được đối chiếu với bản công bố chính thức."
        ),
    )
    search_name = models.TextField(
        _("tên chuẩn hoá để tìm kiếm"),
        editable=False,
        default="",
        help_text=_("Tên thủ tục đã chuẩn hoá (bỏ dấu, chữ thường) để tìm kiếm; do nghiệp vụ ghi."),
    )
    search_text = models.TextField(
        _("nội dung chuẩn hoá để tìm kiếm"),
        editable=False,
        default="",
        help_text=_(
            "Mã, tên, lĩnh vực, kết quả, cơ quan và các cách gọi thông dụng đã chuẩn hoá để tìm "
            "kiếm; do nghiệp vụ ghi."
        ),
    )
    created_at = models.DateTimeField(
        _("thời điểm tạo"), auto_now_add=True, help_text=_("Thời điểm tạo phiên bản.")
    )
    published_at = models.DateTimeField(
        _("thời điểm công bố trên hệ thống"),
        null=True,
        blank=True,
        help_text=_("Thời điểm bấm công khai trên hệ thống (chỉ số 766: 1.2)."),
    )

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure__code", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"], name="catalog_version_number_unique"
            ),
            # At most one open-ended published version per procedure; overlapping closed
            # periods are refused by publish_version and, on PostgreSQL, by an exclusion
            # constraint (migration 0002).
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status="published", valid_to__isnull=True),
                name="catalog_one_open_published_version",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=False, valid_to__gte=models.F("valid_from")),
                name="catalog_version_valid_to_after_valid_from",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(valid_from__isnull=False),
                name="catalog_published_version_has_valid_from",
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_from"], name="catalog_version_validity")]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number} – {self.name}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    def is_valid_on(self, day: datetime.date) -> bool:
        return (
            self.status == VersionStatus.PUBLISHED
            and self.valid_from is not None
            and self.valid_from <= day
            and (self.valid_to is None or day <= self.valid_to)
        )

    def subject_labels(self) -> list[str]:
        return [Subject(s).label for s in self.subjects if s in Subject.values]


class VersionAgency(models.Model):
    """An agency that executes, decides or coordinates a procedure. A commune-level procedure
    names the level (every commune applies it) and, optionally, specific agencies."""

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="agencies",
        help_text=_("Phiên bản thủ tục."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), help_text=_("Thứ tự hiển thị."))
    role = models.CharField(
        _("vai trò"),
        max_length=20,
        choices=AgencyRole.choices,
        help_text=_("Cơ quan thực hiện, có thẩm quyền quyết định, hoặc phối hợp."),
    )
    level = models.CharField(
        _("cấp cơ quan"),
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text=_("Cấp của cơ quan; mọi cơ quan cấp này đều áp dụng nếu không chỉ định cụ thể."),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan cụ thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cơ quan cụ thể (nếu thủ tục chỉ do cơ quan này thực hiện)."),
    )
    name = models.CharField(
        _("tên như công bố"),
        max_length=255,
        help_text=_("Tên cơ quan như trong quyết định công bố, ví dụ “Ủy ban nhân dân cấp xã”."),
    )

    class Meta:
        verbose_name = _("cơ quan thực hiện")
        verbose_name_plural = _("cơ quan thực hiện")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="catalog_agency_order")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class LegalBasis(models.Model):
    """A legal document the procedure rests on (căn cứ pháp lý), with its effective dates."""

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="legal_basis",
        help_text=_("Phiên bản thủ tục."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), help_text=_("Thứ tự hiển thị."))
    number = models.CharField(
        _("số, ký hiệu"), max_length=100, help_text=_("Ví dụ 60/2014/QH13, 123/2015/NĐ-CP.")
    )
    title = models.CharField(_("trích yếu"), max_length=500, help_text=_("Tên văn bản."))
    effective_from = models.DateField(
        _("ngày có hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Ngày văn bản có hiệu lực (chỉ số 766: 1.1); trống nếu chưa đối chiếu."),
    )
    effective_to = models.DateField(
        _("ngày hết hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Ngày văn bản hết hiệu lực (nếu có)."),
    )

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="catalog_legal_order")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class LinkedProcedure(models.Model):
    """A procedure that a combined service (nhóm TTHC liên thông) brings together, e.g. birth
    registration + permanent residence + health insurance card for a child under 6."""

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="linked",
        help_text=_("Phiên bản của dịch vụ liên thông."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), help_text=_("Thứ tự thực hiện."))
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục thành phần"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Thủ tục thành phần; dùng phiên bản đang công khai tại ngày tiếp nhận."),
    )
    note = models.CharField(
        _("ghi chú"),
        max_length=255,
        blank=True,
        help_text=_("Vai trò của thủ tục trong nhóm, ví dụ “do Công an cấp xã giải quyết”."),
    )

    class Meta:
        verbose_name = _("thủ tục liên thông")
        verbose_name_plural = _("thủ tục liên thông")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="catalog_linked_order"),
            models.UniqueConstraint(fields=["version", "procedure"], name="catalog_linked_once"),
        ]

    def __str__(self) -> str:
        return self.procedure.code


class VersionEvent(models.Model):
    """Append-only history of a version: created, copied, edited, published, withdrawn."""

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="events",
        help_text=_("Phiên bản thủ tục."),
    )
    kind = models.CharField(
        _("sự kiện"), max_length=20, choices=VersionEventKind.choices, help_text=_("Việc đã làm.")
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, help_text=_("Thời điểm ghi."))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Tài khoản đã thực hiện; trống nếu do hệ thống (nhập dữ liệu)."),
    )
    note = models.CharField(
        _("ghi chú"), max_length=500, blank=True, help_text=_("Chi tiết, ví dụ số quyết định.")
    )

    class Meta:
        verbose_name = _("lịch sử phiên bản")
        verbose_name_plural = _("lịch sử phiên bản")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.version} – {self.get_kind_display()}"
