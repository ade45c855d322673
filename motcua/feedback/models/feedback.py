"""Feedback and petitions (phản ánh, kiến nghị — PAKN), their handling limits and history."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.agencies.constants import Role

from ..constants import Action, Classification, Source, Status, Vote


class FeedbackRulesQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> FeedbackRulesQuerySet:
        return self.filter(
            Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        )


class FeedbackRules(models.Model):
    """Handling limits of a feedback in working days, valid for a period (domain.md §12.3,
    practice): a feedback keeps the rules in force when it was received."""

    name = models.CharField(
        _("tên"), max_length=255, help_text=_("Tên và căn cứ của bộ thời hạn xử lý PAKN.")
    )
    valid_from = models.DateField(_("hiệu lực từ"), help_text=_("Ngày bắt đầu áp dụng."))
    valid_to = models.DateField(
        _("hiệu lực đến"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối áp dụng; trống: còn hiệu lực."),
    )
    refuse_days = models.PositiveSmallIntegerField(
        _("hạn từ chối (ngày làm việc)"),
        default=2,
        help_text=_("Thời hạn từ chối tiếp nhận xử lý, tính từ khi nhận hoặc lần chuyển gần nhất."),
    )
    supplement_days = models.PositiveSmallIntegerField(
        _("hạn yêu cầu bổ sung (ngày làm việc)"),
        default=5,
        help_text=_(
            "Thời hạn đề nghị bổ sung thông tin, tính từ khi nhận hoặc lần chuyển gần nhất."
        ),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("hạn trả lời (ngày làm việc)"),
        default=15,
        help_text=_("Thời hạn trả lời, tính từ khi nhận hoặc lần chuyển gần nhất."),
    )
    publish_days = models.PositiveSmallIntegerField(
        _("hạn công khai (ngày làm việc)"),
        default=2,
        help_text=_("Thời hạn công khai trả lời, tính từ khi trả lời."),
    )
    count_from_next_day = models.BooleanField(
        _("tính từ ngày làm việc tiếp theo"),
        default=True,
        help_text=_(
            "Ngày nhận không tính, thời hạn kết thúc cuối ngày làm việc cuối cùng (Bộ luật Dân "
            "sự 2015 Điều 147); bỏ chọn để tính từ đúng thời điểm nhận."
        ),
    )

    objects = FeedbackRulesQuerySet.as_manager()

    class Meta:
        verbose_name = _("thời hạn xử lý PAKN")
        verbose_name_plural = _("thời hạn xử lý PAKN")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.name


class Feedback(models.Model):
    """One feedback or petition about a dossier or a procedure. Its state and deadlines change
    only through the services, each of which appends a FeedbackEvent."""

    code = models.CharField(
        _("mã PAKN"),
        max_length=30,
        unique=True,
        help_text=_("Mã tra cứu phản ánh, kiến nghị, dạng PAKN-YYMMDD-số."),
    )
    classification = models.CharField(
        _("phân loại"),
        max_length=20,
        choices=Classification.choices,
        db_index=True,
        help_text=_("Về quy định, chính sách, thủ tục hay về hành vi cán bộ (766 chỉ số 5.1)."),
    )
    title = models.CharField(_("tiêu đề"), max_length=255, help_text=_("Tóm tắt nội dung."))
    content = models.TextField(_("nội dung"), help_text=_("Nội dung phản ánh, kiến nghị."))
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ liên quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
        help_text=_("Hồ sơ được phản ánh (về tiếp nhận, giải quyết), nếu có."),
    )
    procedure = models.ForeignKey(
        "catalog.Procedure",
        verbose_name=_("thủ tục liên quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Thủ tục hành chính được phản ánh, nếu có."),
    )
    concerned_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan bị phản ánh"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cơ quan giải quyết hồ sơ, hoặc cơ quan thực hiện thủ tục được phản ánh."),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan đang xử lý"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cơ quan đang có trách nhiệm xử lý (thay đổi khi chuyển)."),
    )
    repeat_complaint = models.BooleanField(
        _("phản ánh lại về kết quả"),
        default=False,
        help_text=_("Người dân phản ánh lại về kết quả giải quyết (766 chỉ số 5.3)."),
    )
    tracking_token = models.CharField(
        _("mã theo dõi"),
        max_length=20,
        unique=True,
        editable=False,
        help_text=_(
            "Mã bí mật cấp cho người gửi (kể cả không đăng nhập) để theo dõi phản ánh, kiến nghị "
            "qua đường dẫn hoặc tra cứu cùng mã PAKN."
        ),
    )
    # Who sends it: a signed-in account, or anonymous contact details.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
        help_text=_("Tài khoản Cổng đã gửi; trống nếu gửi không đăng nhập."),
    )
    sender_name = models.CharField(
        _("họ tên người gửi"), max_length=255, help_text=_("Họ tên cá nhân, tên tổ chức.")
    )
    sender_phone = models.CharField(
        _("số điện thoại"), max_length=20, blank=True, help_text=_("Để cơ quan liên hệ.")
    )
    sender_email = models.EmailField(
        _("thư điện tử"), blank=True, help_text=_("Để nhận trả lời qua thư điện tử.")
    )
    sender_address = models.CharField(
        _("địa chỉ"), max_length=255, blank=True, help_text=_("Địa chỉ liên hệ.")
    )
    source = models.CharField(
        _("nguồn"),
        max_length=20,
        choices=Source.choices,
        default=Source.PORTAL,
        help_text=_("Nơi tiếp nhận phản ánh, kiến nghị."),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=30,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
        help_text=_("Trạng thái xử lý; chỉ đổi qua các nghiệp vụ."),
    )
    rules = models.ForeignKey(
        FeedbackRules,
        verbose_name=_("thời hạn áp dụng"),
        on_delete=models.PROTECT,
        related_name="feedback",
        help_text=_("Bộ thời hạn có hiệu lực khi nhận."),
    )
    # The clock: stored so that queues sort and filter on them.
    received_at = models.DateTimeField(
        _("thời điểm nhận lần đầu"),
        db_index=True,
        help_text=_("Lần đầu tiếp nhận; dùng để lọc kỳ báo cáo (766 chỉ số 5.3)."),
    )
    clock_start_at = models.DateTimeField(
        _("mốc tính hạn"),
        help_text=_("Thời điểm nhận, lần chuyển gần nhất hoặc nhận thông tin bổ sung."),
    )
    refuse_due_at = models.DateTimeField(
        _("hạn từ chối"), help_text=_("Hạn từ chối tiếp nhận xử lý tính từ mốc tính hạn.")
    )
    supplement_due_at = models.DateTimeField(
        _("hạn yêu cầu bổ sung"), help_text=_("Hạn đề nghị bổ sung tính từ mốc tính hạn.")
    )
    answer_due_at = models.DateTimeField(
        _("hạn trả lời"), db_index=True, help_text=_("Hạn trả lời tính từ mốc tính hạn.")
    )
    publish_due_at = models.DateTimeField(
        _("hạn công khai"),
        null=True,
        blank=True,
        help_text=_("Hạn công khai, tính từ khi trả lời."),
    )
    supplement_requested_at = models.DateTimeField(
        _("thời điểm yêu cầu bổ sung"),
        null=True,
        blank=True,
        help_text=_("Lần yêu cầu bổ sung gần nhất."),
    )
    finished_at = models.DateTimeField(
        _("thời điểm kết thúc xử lý"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Lúc trả lời hoặc từ chối."),
    )
    finished_due_at = models.DateTimeField(
        _("hạn áp dụng khi kết thúc"),
        null=True,
        blank=True,
        help_text=_("Hạn trả lời (hoặc hạn từ chối) mà việc kết thúc được so sánh."),
    )
    published_at = models.DateTimeField(
        _("thời điểm công khai"), null=True, blank=True, help_text=_("Lúc công khai trả lời.")
    )
    answer = models.TextField(
        _("nội dung trả lời"), blank=True, help_text=_("Trả lời của cơ quan.")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cán bộ ghi nhận trả lời."),
    )
    refusal_reason = models.TextField(
        _("lý do từ chối"), blank=True, help_text=_("Lý do không tiếp nhận xử lý.")
    )
    likes = models.PositiveIntegerField(
        _("lượt hài lòng"), default=0, help_text=_("Số lượt hài lòng với trả lời đã công khai.")
    )
    dislikes = models.PositiveIntegerField(
        _("lượt không hài lòng"),
        default=0,
        help_text=_("Số lượt không hài lòng với trả lời đã công khai."),
    )
    created_at = models.DateTimeField(
        _("thời điểm tạo"), auto_now_add=True, help_text=_("Lúc bản ghi được tạo.")
    )
    updated_at = models.DateTimeField(
        _("thời điểm cập nhật"), auto_now=True, help_text=_("Lần thay đổi gần nhất.")
    )

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "status", "answer_due_at"], name="feedback_queue"),
            models.Index(fields=["status", "-published_at"], name="feedback_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(author__isnull=False) | ~Q(sender_phone="") | ~Q(sender_email=""),
                name="feedback_contact_when_anonymous",
            )
        ]

    def __str__(self) -> str:
        return self.code


class FeedbackEvent(models.Model):
    """One thing done to a feedback (lịch sử xử lý PAKN). Never updated or deleted."""

    feedback = models.ForeignKey(
        Feedback,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("PAKN."),
        verbose_name=_("phản ánh, kiến nghị"),
    )
    sequence = models.PositiveIntegerField(
        _("số thứ tự"), help_text=_("Thứ tự sự kiện trong PAKN, bắt đầu từ 1.")
    )
    action = models.CharField(
        _("thao tác"), max_length=30, choices=Action.choices, help_text=_("Nghiệp vụ đã thực hiện.")
    )
    from_status = models.CharField(
        _("từ trạng thái"),
        max_length=30,
        choices=Status.choices,
        blank=True,
        help_text=_("Trạng thái trước; trống khi vừa gửi."),
    )
    to_status = models.CharField(
        _("sang trạng thái"), max_length=30, choices=Status.choices, help_text=_("Trạng thái sau.")
    )
    at = models.DateTimeField(_("thời điểm"), db_index=True, help_text=_("Lúc thực hiện."))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Người thực hiện; trống nếu người gửi không đăng nhập."),
        verbose_name=_("người thực hiện"),
    )
    actor_unit = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị của cán bộ thực hiện."),
        verbose_name=_("đơn vị thực hiện"),
    )
    actor_role = models.CharField(
        _("vai trò"),
        max_length=30,
        choices=Role.choices,
        blank=True,
        help_text=_("Vai trò của cán bộ khi thực hiện."),
    )
    reason = models.TextField(_("nội dung, lý do"), blank=True, help_text=_("Lý do, ghi chú."))
    data = models.JSONField(
        default=dict,
        blank=True,
        encoder=DjangoJSONEncoder,
        help_text=_("Chi tiết thao tác."),
        verbose_name=_("chi tiết"),
    )

    class Meta:
        verbose_name = _("lịch sử PAKN")
        verbose_name_plural = _("lịch sử PAKN")
        ordering = ["feedback", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["feedback", "sequence"], name="feedback_event_seq")
        ]

    def __str__(self) -> str:
        return f"{self.feedback} #{self.sequence} {self.action}"


class FeedbackVote(models.Model):
    """One reader's like or dislike of a published answer: once per account or per session."""

    feedback = models.ForeignKey(
        Feedback,
        on_delete=models.CASCADE,
        related_name="votes",
        help_text=_("PAKN được bày tỏ."),
        verbose_name=_("phản ánh, kiến nghị"),
    )
    voter_key = models.CharField(
        _("người bày tỏ"),
        max_length=80,
        help_text=_("Tài khoản (user:<id>) hoặc phiên truy cập (session:<khóa>) đã bày tỏ."),
    )
    vote = models.CharField(
        _("ý kiến"), max_length=10, choices=Vote.choices, help_text=_("Hài lòng hoặc không.")
    )
    at = models.DateTimeField(_("thời điểm"), help_text=_("Lúc bày tỏ."))

    class Meta:
        verbose_name = _("bày tỏ ý kiến về trả lời")
        verbose_name_plural = _("bày tỏ ý kiến về trả lời")
        constraints = [
            models.UniqueConstraint(fields=["feedback", "voter_key"], name="feedback_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.feedback} {self.vote}"
