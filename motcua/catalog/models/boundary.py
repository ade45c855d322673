"""The province's list of procedures taken regardless of administrative boundaries (danh mục
thủ tục hành chính tiếp nhận không phụ thuộc địa giới hành chính; ND 118/2025 Art. 14 §2):
which procedures any one-stop desk of the province may receive for another commune or for a
provincial agency, from which day, under which decision. A dossier received that way keeps
the list it was received under (``dossiers.Dossier.boundary_free_basis``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BoundaryFreeList(models.Model):
    """In ``province``, from ``valid_from`` to ``valid_to``: the listed procedures (every
    procedure when ``all_procedures``) are received at any desk of the province and routed to
    the competent agency. Several lists may be in force at once (a later decision adds
    procedures); a procedure is on the province's list when any of them names it."""

    province = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="boundary_free_lists",
        help_text=_("Tỉnh, thành phố công bố danh mục; áp dụng cho mọi Bộ phận Một cửa của tỉnh."),
    )
    decision = models.CharField(
        _("quyết định công bố"),
        max_length=255,
        help_text=_(
            "Số, ngày của quyết định công bố danh mục TTHC tiếp nhận không phụ thuộc địa giới "
            "hành chính, ví dụ “Quyết định số 123/QĐ-UBND ngày 30/6/2025”."
        ),
    )
    all_procedures = models.BooleanField(
        _("mọi thủ tục"),
        default=False,
        help_text=_(
            "Mọi thủ tục đang công khai đều được tiếp nhận không phụ thuộc địa giới hành chính "
            "(không cần liệt kê)."
        ),
    )
    procedures = models.ManyToManyField(
        "catalog.Procedure",
        verbose_name=_("thủ tục"),
        blank=True,
        related_name="boundary_free_lists",
        help_text=_("Các thủ tục trong danh mục (bỏ qua khi chọn “mọi thủ tục”)."),
    )
    valid_from = models.DateField(_("có hiệu lực từ"), help_text=_("Ngày đầu áp dụng danh mục."))
    valid_to = models.DateField(
        _("hết hiệu lực sau"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối áp dụng (trống: chưa có ngày kết thúc)."),
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("danh mục TTHC tiếp nhận phi địa giới")
        verbose_name_plural = _("danh mục TTHC tiếp nhận phi địa giới")
        ordering = ["province", "-valid_from"]
        indexes = [
            models.Index(fields=["province", "valid_from"], name="boundary_list_province_from")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="boundary_list_valid_to_after_from",
            )
        ]

    def __str__(self) -> str:
        return f"{self.province} – {self.decision}"
