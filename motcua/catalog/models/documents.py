"""Form templates and the document components of a version (mẫu đơn, tờ khai; thành phần hồ sơ)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import MAX_UPLOAD_MB, MEGABYTE, ComponentSource, FileType, Requirement


def form_upload_to(instance: FormTemplate, filename: str) -> str:
    # Content-addressed: the same bytes are stored once, whichever version refers to them.
    return f"catalog/forms/{instance.sha256[:2]}/{instance.sha256}/{filename}"


def default_accepted_types() -> list[str]:
    """Every kind the system reads: PDF, JPEG and PNG."""
    return list(FileType.values)


def validate_accepted_types(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Hãy chọn ít nhất một loại tệp."), code="no_file_type")
    unknown = [v for v in value if v not in FileType.values]
    if unknown or len(set(value)) != len(value):
        raise ValidationError(
            _("Chỉ chọn, mỗi loại một lần, trong: %(types)s.")
            % {"types": ", ".join(FileType.values)},
            code="file_type",
        )


class FormTemplate(models.Model):
    """A downloadable form or result template (mẫu đơn, tờ khai, mẫu kết quả). The file never
    changes once stored; a new form is a new row. Versions share rows, so copying a version to a
    new draft copies no file."""

    title = models.CharField(
        _("tên mẫu"), max_length=500, help_text=_("Tên mẫu, ví dụ “Tờ khai đăng ký khai sinh”.")
    )
    file = models.FileField(
        _("tệp mẫu"),
        upload_to=form_upload_to,
        max_length=300,
        help_text=_("Tệp mẫu lưu qua kho lưu trữ tệp của hệ thống."),
    )
    filename = models.CharField(
        _("tên tệp tải về"), max_length=255, help_text=_("Tên tệp khi người dân tải về.")
    )
    content_type = models.CharField(
        _("kiểu nội dung"), max_length=100, help_text=_("Kiểu MIME, ví dụ application/pdf.")
    )
    size = models.PositiveIntegerField(_("dung lượng (byte)"), help_text=_("Kích thước tệp."))
    sha256 = models.CharField(
        _("mã băm SHA-256"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 của nội dung tệp, dùng để kiểm tra toàn vẹn và chống trùng lặp."),
    )
    created_at = models.DateTimeField(
        _("thời điểm lưu"), auto_now_add=True, help_text=_("Thời điểm tệp được lưu.")
    )

    class Meta:
        verbose_name = _("mẫu đơn, tờ khai")
        verbose_name_plural = _("mẫu đơn, tờ khai")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Component(models.Model):
    """One document the applicant supplies (thành phần hồ sơ), with how many originals and
    copies, whether it is always needed, whether the desk can take it from a database, and the
    size and kinds of file its scans and e-copies may have."""

    version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="components",
        help_text=_("Phiên bản thủ tục."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), help_text=_("Thứ tự trong danh sách."))
    code = models.CharField(
        _("mã thành phần"),
        max_length=50,
        blank=True,
        help_text=_("Mã thành phần hồ sơ (MaThanhPhanHoSo) nếu có."),
    )
    name = models.CharField(
        _("tên giấy tờ"), max_length=1000, help_text=_("Tên giấy tờ như đã công bố.")
    )
    form = models.ForeignKey(
        FormTemplate,
        verbose_name=_("mẫu đơn, tờ khai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="components",
        help_text=_("Mẫu đơn, tờ khai để tải về (nếu có)."),
    )
    originals = models.PositiveSmallIntegerField(
        _("số bản chính"), default=0, help_text=_("Số bản chính phải nộp hoặc xuất trình.")
    )
    copies = models.PositiveSmallIntegerField(
        _("số bản sao"), default=0, help_text=_("Số bản sao phải nộp.")
    )
    requirement = models.CharField(
        _("bắt buộc"),
        max_length=20,
        choices=Requirement.choices,
        default=Requirement.MANDATORY,
        help_text=_("Bắt buộc, hoặc chỉ trong trường hợp nêu ở điều kiện."),
    )
    condition = models.TextField(
        _("trường hợp"),
        blank=True,
        help_text=_("Trường hợp phải nộp giấy tờ này (khi không bắt buộc)."),
    )
    source = models.CharField(
        _("nguồn khai thác"),
        max_length=30,
        choices=ComponentSource.choices,
        default=ComponentSource.APPLICANT,
        help_text=_(
            "Người dân cung cấp, hoặc cơ quan khai thác từ kho dữ liệu cá nhân trên DVCQG hay "
            "từ cơ sở dữ liệu quốc gia (DuocLayTuKhoDMQG, MaCSDL)."
        ),
    )
    national_database = models.CharField(
        _("cơ sở dữ liệu"),
        max_length=255,
        blank=True,
        help_text=_("Tên cơ sở dữ liệu khai thác, ví dụ Cơ sở dữ liệu quốc gia về dân cư."),
    )
    vneid_exempt = models.BooleanField(
        _("không phải nộp khi đã xác thực VNeID"),
        default=False,
        help_text=_(
            "Người nộp trực tuyến bằng tài khoản đã xác thực VNeID không phải nộp giấy tờ này: "
            "cơ quan khai thác thông tin từ Cơ sở dữ liệu quốc gia về dân cư (thủ tục ghi “không "
            "phải xuất trình, có thể không phải nộp nếu thông tin đã khai thác được”)."
        ),
    )
    max_upload_mb = models.PositiveSmallIntegerField(
        _("dung lượng tối đa mỗi tệp (MB)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_UPLOAD_MB)],
        help_text=_(
            "Dung lượng tối đa của mỗi tệp bản quét, bản điện tử của thành phần hồ sơ này, tính "
            "bằng MB (1 MB = 1024 × 1024 byte), từ 1 đến 100. Để trống: theo mức chung của hệ "
            "thống (thiết lập UPLOAD_MAX_BYTES, mặc định 10 MB)."
        ),
    )
    accepted_types = models.JSONField(
        _("loại tệp được nhận"),
        default=default_accepted_types,
        validators=[validate_accepted_types],
        help_text=_(
            "Các loại tệp bản quét, bản điện tử được nhận cho thành phần hồ sơ này, kiểm tra theo "
            "nội dung tệp: application/pdf (PDF), image/jpeg (JPEG), image/png (PNG). Mặc định "
            "cả ba."
        ),
    )

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="catalog_component_order")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def max_upload_bytes(self) -> int | None:
        """The size limit of one file in bytes; None means the system default."""
        return self.max_upload_mb * MEGABYTE if self.max_upload_mb else None
