"""Per-channel terms of a version: processing time and fee lines (cách thức thực hiện)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.worktime.constants import DurationUnit

from .. import fees
from ..constants import Channel, FeeBasis, FeeKind, FeeStage


class ChannelTerm(models.Model):
    """One row of "Cách thức thực hiện": how a dossier is submitted, how long it takes and what
    it costs on that channel. Deadline and fee can differ per channel (domain.md §6.3)."""

    version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="channels",
        help_text=_("Phiên bản thủ tục."),
    )
    channel = models.CharField(
        _("hình thức nộp"),
        max_length=20,
        choices=Channel.choices,
        help_text=_("Kênh thực hiện: trực tiếp, trực tuyến, qua bưu chính công ích."),
    )
    processing_amount = models.DecimalField(
        _("thời hạn giải quyết"),
        max_digits=7,
        decimal_places=2,
        help_text=_(
            "Thời hạn giải quyết (số), tính từ khi nhận đủ hồ sơ hợp lệ, ví dụ 3 hoặc 0,5."
        ),
    )
    processing_unit = models.CharField(
        _("đơn vị thời hạn"),
        max_length=20,
        choices=DurationUnit.choices,
        default=DurationUnit.WORKING_DAYS,
        help_text=_("Đơn vị của thời hạn giải quyết (DonViTinh)."),
    )
    same_day = models.BooleanField(
        _("giải quyết trong ngày"),
        default=False,
        help_text=_(
            "Trả kết quả trong ngày tiếp nhận (ngày làm việc tiếp theo nếu nhận sau giờ chốt); "
            "thời hạn khi đó là quỹ thời gian chia cho các bước của quy trình nội bộ."
        ),
    )
    description = models.TextField(
        _("mô tả"),
        blank=True,
        help_text=_("Mô tả thời hạn và cách thức như đã công bố."),
    )

    class Meta:
        verbose_name = _("cách thức thực hiện")
        verbose_name_plural = _("cách thức thực hiện")
        ordering = ["version", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["version", "channel"], name="catalog_channel_once"),
            models.CheckConstraint(
                condition=models.Q(processing_amount__gte=0), name="catalog_channel_amount_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.processing_amount.normalize():f} {self.get_processing_unit_display()}"


class FeeLine(models.Model):
    """A fee or charge due on a channel (phí, lệ phí; DanhSachLePhi), in whole đồng."""

    term = models.ForeignKey(
        ChannelTerm,
        verbose_name=_("cách thức thực hiện"),
        on_delete=models.CASCADE,
        related_name="fee_lines",
        help_text=_("Kênh thực hiện mà khoản thu áp dụng."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), help_text=_("Thứ tự hiển thị."))
    name = models.CharField(
        _("tên phí, lệ phí"), max_length=255, help_text=_("Tên khoản thu (TenPhiLePhi).")
    )
    code = models.CharField(
        _("mã phí, lệ phí"),
        max_length=50,
        blank=True,
        help_text=_("Mã khoản thu (MaPhiLePhi) nếu có."),
    )
    kind = models.CharField(
        _("loại"),
        max_length=10,
        choices=FeeKind.choices,
        default=FeeKind.CHARGE,
        help_text=_("Phí hoặc lệ phí (LoaiPhiLePhi)."),
    )
    amount = models.DecimalField(
        _("mức thu (đồng)"),
        max_digits=14,
        decimal_places=0,
        help_text=_(
            "Mức thu bằng đồng, không có phần lẻ (Gia): cho mỗi hồ sơ, hoặc cho mỗi bản, trang, "
            "trường hợp theo cách tính. 0 nghĩa là miễn thu."
        ),
    )
    basis = models.CharField(
        _("cách tính"),
        max_length=10,
        choices=FeeBasis.choices,
        default=FeeBasis.FIXED,
        help_text=_(
            "Cố định mỗi hồ sơ, hoặc nhân với số bản, số trang (của mỗi bản, rồi nhân số bản), "
            "số trường hợp mà người nộp đề nghị."
        ),
    )
    unit = models.CharField(
        _("đơn vị tính"),
        max_length=40,
        blank=True,
        help_text=_(
            "Đơn vị được tính phí, ví dụ “bản”, “trang”, “trường hợp”; trống: bản, trang hoặc "
            "trường hợp theo cách tính."
        ),
    )
    quantity_field = models.CharField(
        _("lấy số lượng từ trường"),
        max_length=40,
        blank=True,
        help_text=_(
            "Tên một trường số nguyên, bắt buộc, của tờ khai điện tử cho biết số bản, số trang "
            "hoặc số trường hợp; trống: Cổng và Bộ phận Một cửa hỏi riêng."
        ),
    )
    copies_field = models.CharField(
        _("lấy số bản từ trường"),
        max_length=40,
        blank=True,
        help_text=_(
            "Chỉ với cách tính theo trang: trường số nguyên của tờ khai cho biết số bản; trống: "
            "hỏi riêng."
        ),
    )
    tier_from = models.PositiveSmallIntegerField(
        _("mức thu khác từ đơn vị thứ"),
        null=True,
        blank=True,
        help_text=_(
            "Từ đơn vị thứ mấy (của mỗi bản) áp dụng mức thu khác, ví dụ 3 cho “từ trang thứ ba "
            "trở lên”."
        ),
    )
    tier_amount = models.DecimalField(
        _("mức thu từ đơn vị đó"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Mức thu mỗi đơn vị từ đơn vị đó trở đi, đồng."),
    )
    maximum = models.DecimalField(
        _("mức thu tối đa"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_(
            "Mức thu tối đa cho mỗi bản (theo trang) hoặc cho cả khoản (cách tính khác), đồng; "
            "trống: không giới hạn."
        ),
    )
    stage = models.CharField(
        _("thời điểm thu"),
        max_length=20,
        choices=FeeStage.choices,
        default=FeeStage.AT_RECEIPT,
        help_text=_("Thu khi tiếp nhận, khi bổ sung, hoặc khi trả kết quả (HinhThucThu 1/2/4)."),
    )
    description = models.TextField(
        _("mô tả"),
        blank=True,
        help_text=_("Cách tính, trường hợp miễn, giảm, như đã công bố."),
    )

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")
        ordering = ["term", "order"]
        constraints = [
            models.UniqueConstraint(fields=["term", "order"], name="catalog_fee_order"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="catalog_fee_amount_gte_0"
            ),
            models.CheckConstraint(
                condition=models.Q(tier_amount__isnull=True) | models.Q(tier_amount__gte=0),
                name="catalog_fee_tier_amount_gte_0",
            ),
            models.CheckConstraint(
                condition=models.Q(maximum__isnull=True) | models.Q(maximum__gt=0),
                name="catalog_fee_maximum_gt_0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {fees.rate_text(self)}"

    def clean(self):
        form_fields = self.term.version.form_fields if self.term_id else []
        errors: dict[str, list[str]] = {}
        for attribute, message in fees.rule_problems(self, form_fields):
            errors.setdefault(attribute, []).append(message)
        if errors:
            raise ValidationError(errors)
