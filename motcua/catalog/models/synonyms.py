"""The words citizens use for procedures, as catalogue data for the search."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchSynonym(models.Model):
    """A phrase citizens use (cách gọi thông dụng) for what the catalogue words otherwise: "sổ
    đỏ" for "giấy chứng nhận quyền sử dụng đất", "xác nhận độc thân" for "xác nhận tình trạng
    hôn nhân". Every procedure version whose name, code, field, result or agencies contain the
    official wording is found by the phrase too. Written only by ``catalog.services``, which
    folds both sides and re-indexes the versions concerned."""

    phrase = models.CharField(
        _("cách gọi thông dụng"),
        max_length=200,
        help_text=_(
            "Từ ngữ người dân thường dùng khi tìm, ví dụ “làm sổ đỏ”, “xác nhận độc thân”."
        ),
    )
    official = models.CharField(
        _("cụm từ chính thức"),
        max_length=255,
        help_text=_(
            "Cụm từ có trong tên, kết quả, lĩnh vực hoặc cơ quan của thủ tục mà cách gọi này chỉ "
            "tới, ví dụ “giấy chứng nhận quyền sử dụng đất”."
        ),
    )
    note = models.CharField(
        _("ghi chú"), max_length=255, blank=True, help_text=_("Nguồn, lý do hoặc phạm vi dùng.")
    )
    phrase_key = models.CharField(
        _("cách gọi đã chuẩn hoá"),
        max_length=200,
        editable=False,
        help_text=_("Cách gọi bỏ dấu, chữ thường, gộp biến thể chính tả; do nghiệp vụ ghi."),
    )
    official_key = models.CharField(
        _("cụm từ chính thức đã chuẩn hoá"),
        max_length=255,
        editable=False,
        help_text=_("Cụm từ chính thức đã chuẩn hoá như trên; do nghiệp vụ ghi."),
    )

    class Meta:
        verbose_name = _("cách gọi thông dụng")
        verbose_name_plural = _("cách gọi thông dụng (tìm kiếm thủ tục)")
        ordering = ["phrase_key", "official_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["phrase_key", "official_key"], name="catalog_synonym_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.official}"
