"""Kinds of survey question, the channels an answer comes through, and the counter's
anti-repeat limits."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Chọn một")
    MULTIPLE = "multiple", _("Chọn nhiều")
    SCALE = "scale", _("Thang điểm 1–5")
    TEXT = "text", _("Trả lời tự do")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})
SCALE_POINTS = (1, 2, 3, 4, 5)


class SurveyChannel(models.TextChoices):
    """How a citizen reached the survey (kênh khảo sát)."""

    RESULT = "result", _("Sau khi nhận kết quả hồ sơ")
    SMS = "sms", _("Đường dẫn gửi qua SMS")
    COUNTER = "counter", _("Tại quầy Bộ phận Một cửa")


# The counter page: a visit's form is valid this long, and one browser (the counter's tablet)
# cannot send two answers closer together than this.
VISIT_LIFETIME = datetime.timedelta(minutes=30)
COUNTER_PAUSE = datetime.timedelta(seconds=20)
# Signed tokens of SMS links and counter visits; a token of one kind is never the other.
SMS_SALT = "motcua.feedback.survey.sms"
VISIT_SALT = "motcua.feedback.survey.visit"
