"""What a dossier holds: document components with their files, fee lines, results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog import fees
from motcua.catalog.constants import FeeBasis, FeeKind, FeeStage

from ..constants import FileOrigin
from .labels import ChoiceLabels


class DossierComponent(ChoiceLabels, models.Model):
    """One document of the dossier (thành phần hồ sơ) with where its file came from — the flags
    behind the digitisation and reuse indicators of Decision 766 (4.2–4.5)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="components",
        verbose_name=_("hồ sơ"),
    )
    component = models.ForeignKey(
        "catalog.Component",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Thành phần hồ sơ của phiên bản thủ tục (trống nếu là giấy tờ khác)."),
        verbose_name=_("thành phần hồ sơ"),
    )
    name = models.CharField(
        _("tên giấy tờ"), max_length=500, help_text=_("Tên giấy tờ như khi nộp.")
    )
    origin = models.CharField(
        _("nguồn"),
        max_length=30,
        choices=FileOrigin.choices,
        default=FileOrigin.UPLOADED,
        help_text=_("Tải lên, số hóa tại quầy, lấy từ kho dữ liệu hoặc cơ sở dữ liệu quốc gia."),
    )
    digitized = models.BooleanField(
        _("đã số hóa"),
        default=False,
        help_text=_("Có bản điện tử trong hồ sơ (DuocSoHoa; chỉ số 766 4.2)."),
    )
    reused = models.BooleanField(
        _("tái sử dụng"),
        default=False,
        help_text=_("Lấy lại dữ liệu số hóa đã có (DuocLayTuKhoDMQG; chỉ số 766 4.3, 4.4)."),
    )
    source_database = models.CharField(
        _("cơ sở dữ liệu nguồn"),
        max_length=100,
        blank=True,
        help_text=_("MaCSDL khi lấy từ cơ sở dữ liệu quốc gia, ví dụ CSDL quốc gia về dân cư."),
    )
    files = models.ManyToManyField(
        "documents.StoredFile",
        blank=True,
        related_name="+",
        help_text=_("Các tệp của giấy tờ."),
        verbose_name=_("tệp"),
    )
    paper_originals = models.PositiveSmallIntegerField(
        _("số bản chính"), default=0, help_text=_("Số bản chính bản giấy đã nhận.")
    )
    paper_copies = models.PositiveSmallIntegerField(
        _("số bản sao"), default=0, help_text=_("Số bản sao bản giấy đã nhận.")
    )

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["dossier", "id"]

    def __str__(self) -> str:
        return self.name


class DossierFeeQuerySet(models.QuerySet):
    def payable(self):
        """Lines still to be paid: unpaid and not free. A 0 đ line (a fee waived or "miễn") is
        shown on the forms but never asked for, so it cannot hold a payment or a pause open."""
        return self.filter(paid_at__isnull=True, amount__gt=0)


class DossierFee(ChoiceLabels, models.Model):
    """A fee line of the dossier (phí, lệ phí): computed at submission or receipt from the
    procedure version's channel and the quantities asked for, or assessed later."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="fees", verbose_name=_("hồ sơ")
    )
    name = models.CharField(_("tên khoản thu"), max_length=255, help_text=_("TenPhiLePhi."))
    code = models.CharField(
        _("mã khoản thu"), max_length=50, blank=True, help_text=_("MaPhiLePhi.")
    )
    kind = models.CharField(
        _("loại"), max_length=20, choices=FeeKind.choices, help_text=_("Phí hoặc lệ phí.")
    )
    amount = models.DecimalField(
        _("số tiền (đồng)"),
        max_digits=14,
        decimal_places=0,
        help_text=_("Số tiền phải nộp, đồng (không có phần lẻ)."),
    )
    stage = models.CharField(
        _("thời điểm thu"),
        max_length=20,
        choices=FeeStage.choices,
        help_text=_("Thu khi tiếp nhận, khi bổ sung hoặc khi trả kết quả (HinhThucThu)."),
    )
    basis = models.CharField(
        _("cách tính"),
        max_length=10,
        choices=FeeBasis.choices,
        default=FeeBasis.FIXED,
        help_text=_("Cố định, hoặc theo số bản, số trang, số trường hợp người nộp đề nghị."),
    )
    unit = models.CharField(
        _("đơn vị tính"),
        max_length=40,
        blank=True,
        help_text=_("Đơn vị được tính phí (bản, trang, trường hợp); trống nếu cố định."),
    )
    quantity = models.PositiveIntegerField(
        _("số lượng"),
        default=1,
        help_text=_("Số bản, số trang (của mỗi bản) hoặc số trường hợp đã tính phí."),
    )
    copies = models.PositiveIntegerField(
        _("số bản"),
        default=1,
        help_text=_("Khi tính theo trang: số bản, nhân với mức thu của mỗi bản."),
    )
    paid_at = models.DateTimeField(
        _("thời điểm nộp tiền"), null=True, blank=True, help_text=_("Trống nếu chưa nộp.")
    )
    paid_online = models.BooleanField(
        _("thanh toán trực tuyến"),
        default=False,
        help_text=_("Nộp qua cổng thanh toán trực tuyến (DuocThanhToanTrucTuyen; chỉ số 766 3.6)."),
    )
    payment_reference = models.CharField(
        _("mã giao dịch, biên lai"),
        max_length=100,
        blank=True,
        help_text=_("Mã giao dịch của cổng thanh toán hoặc số biên lai thu tiền mặt."),
    )

    objects = DossierFeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("phí, lệ phí của hồ sơ")
        verbose_name_plural = _("phí, lệ phí của hồ sơ")
        ordering = ["dossier", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"

    @property
    def is_waived(self) -> bool:
        """A 0 đ line (miễn): shown, never collected."""
        return not self.amount

    @property
    def is_payable(self) -> bool:
        """Still to be paid: the row-level ``DossierFeeQuerySet.payable`` (for lines already
        read)."""
        return self.paid_at is None and self.amount > 0

    @property
    def amount_text(self) -> str:
        """ "50.000 đồng", or "miễn" for a waived line."""
        return fees.money_text(self.amount)

    @property
    def quantity_text(self) -> str:
        """ "3 bản", "5 trang × 2 bản"; empty for a fixed line."""
        return fees.quantity_text(self.basis, self.unit, self.quantity, self.copies)


class ResultKind(models.TextChoices):
    RESULT = "result", _("Kết quả giải quyết")
    REFUSAL = "refusal", _("Văn bản từ chối giải quyết")


class DossierResult(ChoiceLabels, models.Model):
    """A document issued as the result (kết quả), coded ``<dossier code>-KQ<n>`` (ND 45/2020
    Art. 14 §3)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("hồ sơ"),
    )
    number = models.PositiveSmallIntegerField(
        _("số thứ tự"), help_text=_("n trong <mã hồ sơ>-KQn.")
    )
    code = models.CharField(
        _("mã kết quả"), max_length=50, unique=True, help_text=_("Mã kết quả điện tử (MaKetQua).")
    )
    kind = models.CharField(
        _("loại"), max_length=20, choices=ResultKind.choices, default=ResultKind.RESULT
    )
    name = models.CharField(_("tên giấy tờ"), max_length=500, help_text=_("TenGiayTo."))
    document_number = models.CharField(
        _("số, ký hiệu"), max_length=100, blank=True, help_text=_("Số, ký hiệu văn bản (SoKyHieu).")
    )
    file = models.ForeignKey(
        "documents.StoredFile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Bản điện tử của kết quả (DuongDanTepTinKetQua); trống nếu chỉ có bản giấy."),
        verbose_name=_("tệp kết quả"),
    )
    issued_at = models.DateTimeField(_("thời điểm ban hành"), help_text=_("Ngày ban hành kết quả."))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Người ghi nhận."),
        verbose_name=_("người ghi nhận"),
    )

    class Meta:
        verbose_name = _("kết quả")
        verbose_name_plural = _("kết quả")
        ordering = ["dossier", "number"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "number"], name="dossier_result_number")
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_electronic(self) -> bool:
        return self.file_id is not None
