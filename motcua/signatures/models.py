"""Documents the system issued signed, each reachable from the QR code printed on it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# The kind of an electronic result's record (the notices' kinds are their form keys).
RESULT = "result"
# The kind of an e-receipt (biên lai điện tử) of a payment: one per paid transaction.
PAYMENT_RECEIPT = "payment_receipt"
# Kinds whose every issue is a document of its own, never replacing an earlier one.
STANDALONE_KINDS = frozenset({RESULT, PAYMENT_RECEIPT})


class IssuedDocument(models.Model):
    """One signed issue of a document (văn bản điện tử do hệ thống phát hành): the form as
    signed and stored, and what its public verification page shows. The token is printed in the
    document's QR code before signing; the digest and signature facts are recorded after.

    Most belong to one dossier (receipt, control slip …). A unit's register (Sổ theo dõi hồ sơ)
    belongs to no dossier: it is the issuing unit (``agency``) and a period instead."""

    token = models.CharField(
        _("mã xác thực"),
        max_length=40,
        unique=True,
        editable=False,
        help_text=_(
            "Chuỗi ngẫu nhiên không đoán được, in trong mã QR của văn bản: "
            "/signatures/verify/<mã>/."
        ),
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_documents",
        help_text=_(
            "Hồ sơ mà văn bản thuộc về; trống với văn bản của một đơn vị trong một kỳ "
            "(sổ theo dõi hồ sơ)."
        ),
    )
    period_start = models.DateField(
        _("từ ngày"),
        null=True,
        blank=True,
        help_text=_(
            "Ngày đầu của kỳ mà văn bản ghi (sổ theo dõi hồ sơ); trống với văn bản của hồ sơ."
        ),
    )
    period_end = models.DateField(
        _("đến ngày"),
        null=True,
        blank=True,
        help_text=_(
            "Ngày cuối của kỳ mà văn bản ghi (sổ theo dõi hồ sơ); trống với văn bản của hồ sơ."
        ),
    )
    kind = models.CharField(
        _("loại văn bản"),
        max_length=40,
        help_text=_("Khóa của biểu mẫu (receipt, control_slip …)."),
    )
    title = models.CharField(
        _("tên văn bản"), max_length=255, help_text=_("Tên văn bản như in trên văn bản.")
    )
    form_set = models.CharField(
        _("bộ biểu mẫu"),
        max_length=10,
        blank=True,
        help_text=_("Bộ biểu mẫu đã dùng: 2018 (TT 01/2018) hoặc 2025 (TT 03/2025)."),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan phát hành"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cơ quan, đơn vị có con dấu (chữ ký số) trên văn bản."),
    )
    issuer_name = models.CharField(
        _("tên cơ quan phát hành"),
        max_length=255,
        help_text=_("Tên cơ quan, đơn vị phát hành như in trên văn bản."),
    )
    fingerprint = models.CharField(
        _("mã băm nội dung"),
        max_length=64,
        help_text=_(
            "SHA-256 của dữ liệu điền vào biểu mẫu; khác đi thì văn bản được phát hành lại."
        ),
    )
    file = models.ForeignKey(
        "documents.StoredFile",
        verbose_name=_("tệp đã ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Tệp PDF đã ký số đúng như đã phát hành; trống trong lúc đang ký."),
    )
    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Mã băm của tệp đã ký, để đối chiếu tệp người dân tải lên."),
    )
    signer_name = models.CharField(
        _("người ký"),
        max_length=255,
        blank=True,
        help_text=_("Tên trong chứng thư số đã ký văn bản."),
    )
    signed_at = models.DateTimeField(
        _("thời điểm ký"), null=True, blank=True, help_text=_("Thời điểm ký ghi trong chữ ký.")
    )
    created_at = models.DateTimeField(_("thời điểm phát hành"))

    class Meta:
        verbose_name = _("văn bản đã phát hành")
        verbose_name_plural = _("văn bản đã phát hành")
        indexes = [
            models.Index(fields=["dossier", "kind", "created_at"]),
            models.Index(
                fields=["agency", "kind", "period_start", "period_end", "created_at"],
                name="signatures_issued_period_idx",
                condition=models.Q(dossier__isnull=True),
            ),
        ]
        constraints = [
            # A document belongs to a dossier or covers a period of its unit, never neither.
            models.CheckConstraint(
                condition=models.Q(dossier__isnull=False)
                | models.Q(period_start__isnull=False, period_end__isnull=False),
                name="signatures_issued_dossier_or_period",
            ),
        ]

    def __str__(self) -> str:
        if self.dossier_id is None:
            return f"{self.title} – {self.agency_id} {self.period_start}–{self.period_end}"
        return f"{self.title} – {self.dossier_id}"
