"""The authorisation under which a representative files a dossier for its applicant (giấy ủy
quyền, văn bản ủy quyền): an organisation's employee who is not its legal representative, or a
person filing for another person. The representative is named on the dossier
(``representative_*``); the authorisation's scan is one of the dossier's documents."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Authorisation(models.Model):
    """One authorisation per dossier, as checked at filing: in force on the filing day, with its
    scan attached (``dossiers.representation``)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="authorisation",
        verbose_name=_("hồ sơ"),
    )
    number = models.CharField(
        _("số giấy ủy quyền"),
        max_length=100,
        help_text=_("Số, ký hiệu của giấy ủy quyền, văn bản ủy quyền."),
    )
    signed_on = models.DateField(_("ngày ký"), help_text=_("Ngày ký giấy ủy quyền."))
    valid_until = models.DateField(
        _("có hiệu lực đến"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối giấy ủy quyền còn hiệu lực (trống: không ghi thời hạn)."),
    )
    issuer = models.CharField(
        _("người ủy quyền"),
        max_length=255,
        help_text=_(
            "Người ký giấy ủy quyền: người đại diện theo pháp luật, thủ trưởng cơ quan, hoặc cá "
            "nhân ủy quyền."
        ),
    )
    document = models.OneToOneField(
        "dossiers.DossierComponent",
        on_delete=models.CASCADE,
        related_name="authorisation",
        verbose_name=_("bản quét giấy ủy quyền"),
        help_text=_("Giấy tờ của hồ sơ chứa bản quét, bản điện tử của giấy ủy quyền."),
    )

    class Meta:
        verbose_name = _("giấy ủy quyền")
        verbose_name_plural = _("giấy ủy quyền")

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"
