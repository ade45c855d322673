"""Satisfaction ratings of dossiers (đánh giá mức độ hài lòng) and the criteria they answer."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import Level, RatingChannel, Scale


class CriteriaSetQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> CriteriaSetQuerySet:
        return self.filter(
            Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        )


class CriteriaSet(models.Model):
    """The questions a citizen answers about one dossier, valid for a period: the national set
    of TT 01/2018 Art. 13 (indices 1, 3, 4, 7) or a province's own (e.g. Thừa Thiên Huế's 12).
    A rating keeps the set it answered."""

    code = models.CharField(
        _("mã bộ tiêu chí"),
        max_length=40,
        unique=True,
        help_text=_("Mã ngắn của bộ tiêu chí, ví dụ TT01-2018."),
    )
    name = models.CharField(
        _("tên bộ tiêu chí"), max_length=255, help_text=_("Tên hiển thị và căn cứ ban hành.")
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("áp dụng cho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Tỉnh, cơ quan áp dụng bộ tiêu chí riêng (cho cả cây đơn vị bên dưới); trống là bộ "
            "tiêu chí chung toàn quốc."
        ),
    )
    scale = models.CharField(
        _("thang đánh giá chung"),
        max_length=20,
        choices=Scale.choices,
        default=Scale.THREE_LEVELS,
        help_text=_(
            "Hai mức (Hài lòng/Không hài lòng, như DVCQG) hoặc ba mức (Rất hài lòng/Hài lòng/"
            "Không hài lòng, theo thực tiễn; chưa xác nhận là chuẩn quốc gia)."
        ),
    )
    valid_from = models.DateField(_("hiệu lực từ"), help_text=_("Ngày bắt đầu áp dụng."))
    valid_to = models.DateField(
        _("hiệu lực đến"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối áp dụng; trống: còn hiệu lực."),
    )

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("bộ tiêu chí đánh giá")
        verbose_name_plural = _("bộ tiêu chí đánh giá")
        ordering = ["-valid_from", "code"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One question of a criteria set and its answers. ``options`` is a list of
    ``{"code", "label", "points"}``; points are 0/1/2 where TT 01/2018 Art. 13 defines them and
    null where a province's criterion has none."""

    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("bộ tiêu chí"),
        on_delete=models.CASCADE,
        related_name="criteria",
        help_text=_("Bộ tiêu chí chứa câu hỏi này."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), help_text=_("Thứ tự câu hỏi."))
    code = models.SlugField(
        _("mã tiêu chí"),
        max_length=40,
        help_text=_("Mã tiêu chí trong bộ, ví dụ index_1; dùng trong thống kê."),
    )
    index_number = models.PositiveSmallIntegerField(
        _("chỉ số TT 01/2018"),
        null=True,
        blank=True,
        help_text=_("Số thứ tự chỉ số tại Điều 13 Thông tư 01/2018/TT-VPCP (1–9), nếu có."),
    )
    question = models.CharField(
        _("câu hỏi"), max_length=500, help_text=_("Câu hỏi hiển thị cho người dân.")
    )
    options = models.JSONField(
        _("các lựa chọn"),
        default=list,
        help_text=_("Danh sách lựa chọn {code, label, points}; points là điểm 0/1/2 hoặc null."),
    )
    required = models.BooleanField(
        _("bắt buộc"), default=True, help_text=_("Người đánh giá phải chọn một đáp án.")
    )

    class Meta:
        verbose_name = _("tiêu chí đánh giá")
        verbose_name_plural = _("tiêu chí đánh giá")
        ordering = ["criteria_set", "order"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="feedback_criterion_code")
        ]

    def __str__(self) -> str:
        return self.question

    def option(self, code: str) -> dict | None:
        return next((o for o in self.options if str(o.get("code")) == str(code)), None)


class Rating(models.Model):
    """The one satisfaction rating of a dossier, given after its result. Never changed."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="rating",
        help_text=_("Hồ sơ được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần."),
    )
    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("bộ tiêu chí"),
        on_delete=models.PROTECT,
        related_name="ratings",
        help_text=_("Bộ tiêu chí có hiệu lực khi đánh giá."),
    )
    level = models.CharField(
        _("mức độ hài lòng"),
        max_length=20,
        choices=Level.choices,
        help_text=_("Đánh giá chung của người dân về việc giải quyết hồ sơ."),
    )
    satisfied = models.BooleanField(
        _("hài lòng"),
        db_index=True,
        help_text=_("Hài lòng (kể cả Rất hài lòng) hay không; dùng cho chỉ số 766 nhóm 5."),
    )
    points = models.PositiveSmallIntegerField(
        _("tổng điểm"),
        null=True,
        blank=True,
        help_text=_("Tổng điểm các tiêu chí có điểm (TT 01/2018 Điều 15); trống nếu không có."),
    )
    comment = models.TextField(
        _("ý kiến khác"), blank=True, help_text=_("Góp ý thêm của người dân (không bắt buộc).")
    )
    channel = models.CharField(
        _("kênh đánh giá"),
        max_length=20,
        choices=RatingChannel.choices,
        help_text=_("Trực tuyến, thiết bị tại Bộ phận Một cửa hoặc phiếu giấy."),
    )
    rated_at = models.DateTimeField(
        _("thời điểm đánh giá"), db_index=True, help_text=_("Lúc ghi nhận đánh giá.")
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Người dân tự đánh giá, hoặc cán bộ ghi nhận thay qua thiết bị, phiếu."),
    )

    class Meta:
        verbose_name = _("đánh giá hài lòng")
        verbose_name_plural = _("đánh giá hài lòng")
        ordering = ["-rated_at"]

    def __str__(self) -> str:
        return f"{self.dossier} – {self.get_level_display()}"


class RatingAnswer(models.Model):
    """The answer chosen for one criterion, with its points copied at rating time."""

    rating = models.ForeignKey(
        Rating,
        on_delete=models.CASCADE,
        related_name="answers",
        help_text=_("Đánh giá chứa câu trả lời."),
        verbose_name=_("đánh giá"),
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.PROTECT,
        related_name="answers",
        help_text=_("Tiêu chí được trả lời."),
        verbose_name=_("tiêu chí"),
    )
    option_code = models.CharField(
        _("lựa chọn"), max_length=40, help_text=_("Mã lựa chọn người dân đã chọn.")
    )
    points = models.PositiveSmallIntegerField(
        _("điểm"), null=True, blank=True, help_text=_("Điểm của lựa chọn (0/1/2) nếu có.")
    )

    class Meta:
        verbose_name = _("câu trả lời đánh giá")
        verbose_name_plural = _("câu trả lời đánh giá")
        constraints = [
            models.UniqueConstraint(fields=["rating", "criterion"], name="feedback_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}={self.option_code}"
