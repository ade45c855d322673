"""Channels, delivery states, topics and the one table mapping dossier events to topics."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import Action, Status


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không thành công sau nhiều lần thử")


class Topic(models.TextChoices):
    """What a message tells the applicant; one template per topic and channel."""

    RECEIVED = "received", _("Hồ sơ đã được tiếp nhận")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung hồ sơ")
    PAYMENT_DUE = "payment_due", _("Yêu cầu nộp phí, lệ phí")
    RESULT_READY = "result_ready", _("Đã có kết quả")
    LATE_APOLOGY = "late_apology", _("Xin lỗi và hẹn lại ngày trả kết quả")
    SURVEY_INVITATION = "survey_invitation", _("Mời tham gia khảo sát mức độ hài lòng")


TOPIC_OF_ACTION = {
    Action.RECEIVE: Topic.RECEIVED,
    Action.ACCEPT: Topic.RECEIVED,
    Action.REQUEST_INTAKE_SUPPLEMENT: Topic.SUPPLEMENT_REQUESTED,
    Action.REQUEST_SUPPLEMENT: Topic.SUPPLEMENT_REQUESTED,
    Action.REQUEST_PAYMENT: Topic.PAYMENT_DUE,
    Action.REAPPOINT: Topic.LATE_APOLOGY,
}
# Whatever action issued the result (approval, recording), the applicant hears it once.
TOPIC_OF_STATUS = {Status.RESULT_READY: Topic.RESULT_READY}


def topic_for(event) -> str | None:
    if event.to_status in TOPIC_OF_STATUS and event.from_status != event.to_status:
        return TOPIC_OF_STATUS[event.to_status]
    return TOPIC_OF_ACTION.get(event.action)


# Retries: 1, 4, 16, 64 minutes … capped at 6 hours; after MAX_ATTEMPTS (about 30 hours of
# outage) the delivery is marked failed and stays visible for an administrator to resend.
MAX_ATTEMPTS = 10
FIRST_DELAY = datetime.timedelta(minutes=1)
MAX_DELAY = datetime.timedelta(hours=6)
# A claim older than this is a worker that died mid-send: the delivery is due again.
STALE_CLAIM = datetime.timedelta(minutes=10)


def backoff(attempts: int) -> datetime.timedelta:
    return min(FIRST_DELAY * 4 ** max(attempts - 1, 0), MAX_DELAY)
