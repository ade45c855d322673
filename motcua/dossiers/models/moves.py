"""Where a reorganisation moved an open dossier (sáp nhập, chia tách, giải thể đơn vị)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierMove(models.Model):
    """One open dossier re-homed by a reorganisation on ``effective_date``: the units it had
    before and after. Never updated or deleted. The statistics read it to count the dossier,
    for every day before the move, with the unit it had then (reports.records)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="moves", verbose_name=_("hồ sơ")
    )
    event = models.OneToOneField(
        "dossiers.Event",
        on_delete=models.PROTECT,
        related_name="move",
        verbose_name=_("dòng lịch sử"),
        help_text=_("Dòng “chuyển do sắp xếp tổ chức” trong lịch sử xử lý của hồ sơ."),
    )
    effective_date = models.DateField(
        _("ngày có hiệu lực"),
        db_index=True,
        help_text=_("Ngày sắp xếp có hiệu lực: từ ngày này hồ sơ thuộc đơn vị mới."),
    )
    decision = models.CharField(
        _("văn bản quyết định"), max_length=255, help_text=_("Số, ký hiệu quyết định sắp xếp.")
    )
    from_receiving_unit = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nơi tiếp nhận cũ"),
    )
    to_receiving_unit = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nơi tiếp nhận mới"),
    )
    from_resolving_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan giải quyết cũ"),
    )
    to_resolving_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan giải quyết mới"),
    )
    from_holder = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("nơi giữ cũ")
    )
    to_holder = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("nơi giữ mới")
    )

    class Meta:
        verbose_name = _("hồ sơ chuyển do sắp xếp tổ chức")
        verbose_name_plural = _("hồ sơ chuyển do sắp xếp tổ chức")
        ordering = ["dossier", "effective_date", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.effective_date:%d/%m/%Y} {self.decision}"
