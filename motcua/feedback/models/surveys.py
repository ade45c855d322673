"""Citizen surveys (khảo sát mức độ hài lòng): campaigns a unit's manager runs over a period,
their questions, and the answers — counted apart from the per-dossier ratings, so they never
move the satisfaction indicators."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..surveys.constants import QuestionKind, SurveyChannel


class Survey(models.Model):
    """One campaign: who runs it, the units it covers, its period and channels."""

    code = models.SlugField(
        _("mã đợt khảo sát"),
        max_length=40,
        unique=True,
        help_text=_("Mã ngắn dùng trong đường dẫn, ví dụ ks-2026-q1."),
    )
    title = models.CharField(
        _("tên đợt khảo sát"), max_length=255, help_text=_("Hiển thị cho người dân.")
    )
    intro = models.TextField(
        _("lời giới thiệu"), blank=True, help_text=_("Vài dòng mời người dân trả lời.")
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị tổ chức"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Đơn vị tổ chức khảo sát; người quản lý của đơn vị này và cấp trên xem kết quả."
        ),
    )
    units = models.ManyToManyField(
        "agencies.Agency",
        verbose_name=_("đơn vị được khảo sát"),
        related_name="+",
        help_text=_("Các đơn vị (trong phạm vi đơn vị tổ chức) mà người dân được hỏi ý kiến."),
    )
    starts_on = models.DateField(_("từ ngày"), help_text=_("Ngày đầu nhận trả lời."))
    ends_on = models.DateField(_("đến ngày"), help_text=_("Ngày cuối nhận trả lời."))
    channels = models.JSONField(
        _("kênh khảo sát"),
        default=list,
        help_text=_("Các kênh: sau khi nhận kết quả, đường dẫn SMS, tại quầy."),
    )
    closed_at = models.DateTimeField(
        _("kết thúc sớm lúc"),
        null=True,
        blank=True,
        help_text=_("Lúc người quản lý kết thúc đợt khảo sát trước hạn."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Người quản lý tạo đợt khảo sát."),
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), help_text=_("Lúc tạo đợt khảo sát."))

    class Meta:
        verbose_name = _("đợt khảo sát")
        verbose_name_plural = _("đợt khảo sát")
        ordering = ["-starts_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="feedback_survey_period"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def channel_labels(self) -> list[str]:
        return [SurveyChannel(c).label for c in self.channels if c in SurveyChannel.values]


class SurveyQuestion(models.Model):
    """One question; ``options`` lists the labels of a choice question, in order."""

    survey = models.ForeignKey(
        Survey,
        verbose_name=_("đợt khảo sát"),
        on_delete=models.CASCADE,
        related_name="questions",
        help_text=_("Đợt khảo sát chứa câu hỏi."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), help_text=_("Thứ tự câu hỏi."))
    kind = models.CharField(
        _("loại câu hỏi"),
        max_length=10,
        choices=QuestionKind.choices,
        help_text=_("Chọn một, chọn nhiều, thang điểm 1–5 hoặc trả lời tự do."),
    )
    text = models.CharField(_("câu hỏi"), max_length=500, help_text=_("Câu hỏi hiển thị."))
    options = models.JSONField(
        _("các lựa chọn"), default=list, blank=True, help_text=_("Nhãn các lựa chọn, theo thứ tự.")
    )
    required = models.BooleanField(_("bắt buộc"), default=True, help_text=_("Phải trả lời."))

    class Meta:
        verbose_name = _("câu hỏi khảo sát")
        verbose_name_plural = _("câu hỏi khảo sát")
        ordering = ["survey", "order"]

    def __str__(self) -> str:
        return self.text


class SurveyInvitation(models.Model):
    """An SMS link sent to one applicant (one phone number) of a dossier finished in the period;
    its signed token answers once."""

    survey = models.ForeignKey(
        Survey,
        verbose_name=_("đợt khảo sát"),
        on_delete=models.CASCADE,
        related_name="invitations",
        help_text=_("Đợt khảo sát mời trả lời."),
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Hồ sơ đã có kết quả trong kỳ mà người nhận đã nộp (gần nhất)."),
    )
    phone = models.CharField(_("số điện thoại"), max_length=20, help_text=_("Số nhận tin nhắn."))
    delivery = models.ForeignKey(
        "notifications.Delivery",
        verbose_name=_("tin nhắn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Tin nhắn trong hàng đợi thông báo."),
    )
    created_at = models.DateTimeField(_("thời điểm mời"), help_text=_("Lúc tạo lời mời."))

    class Meta:
        verbose_name = _("lời mời khảo sát qua SMS")
        verbose_name_plural = _("lời mời khảo sát qua SMS")
        constraints = [
            models.UniqueConstraint(fields=["survey", "phone"], name="feedback_survey_invite_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey.code} → {self.phone}"


class SurveyResponse(models.Model):
    """One citizen's answers to a campaign, about one unit, through one channel. One per
    dossier (after the result or by SMS), one per SMS token, one per counter visit."""

    survey = models.ForeignKey(
        Survey,
        verbose_name=_("đợt khảo sát"),
        on_delete=models.PROTECT,
        related_name="responses",
        help_text=_("Đợt khảo sát được trả lời."),
    )
    unit = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị mà người dân cho ý kiến."),
    )
    channel = models.CharField(
        _("kênh"), max_length=10, choices=SurveyChannel.choices, help_text=_("Kênh trả lời.")
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Hồ sơ của người trả lời (sau khi nhận kết quả, qua SMS)."),
    )
    invitation = models.OneToOneField(
        SurveyInvitation,
        verbose_name=_("lời mời SMS"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="response",
        help_text=_("Lời mời SMS đã dùng để trả lời."),
    )
    visit = models.CharField(
        _("lượt tại quầy"),
        max_length=64,
        blank=True,
        help_text=_("Mã lượt mở trang tại quầy; mỗi lượt chỉ trả lời một lần."),
    )
    answered_at = models.DateTimeField(_("thời điểm trả lời"), db_index=True)

    class Meta:
        verbose_name = _("phiếu trả lời khảo sát")
        verbose_name_plural = _("phiếu trả lời khảo sát")
        ordering = ["-answered_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "dossier"],
                condition=Q(dossier__isnull=False),
                name="feedback_survey_once_per_dossier",
            ),
            models.UniqueConstraint(
                fields=["survey", "visit"],
                condition=~Q(visit=""),
                name="feedback_survey_once_per_visit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey.code} #{self.pk}"


class SurveyAnswer(models.Model):
    """The answer to one question: the chosen option numbers (0-based), a point on the 1–5
    scale, or a text."""

    response = models.ForeignKey(
        SurveyResponse,
        verbose_name=_("phiếu trả lời"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        SurveyQuestion,
        verbose_name=_("câu hỏi"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    choices = models.JSONField(_("lựa chọn"), default=list, blank=True)
    points = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("câu trả lời khảo sát")
        verbose_name_plural = _("câu trả lời khảo sát")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="feedback_survey_answer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"
