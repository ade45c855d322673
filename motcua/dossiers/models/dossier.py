"""The dossier aggregate root (hồ sơ)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.constants import Channel
from motcua.catalog.search import padded

from ..constants import TERMINAL, ApplicantKind, Delivery, Outcome, SourceDatabase, Status
from .labels import ChoiceLabels

# The rows of the work queues: neither drafts nor finished dossiers (sorted, so the index's SQL
# is the same on every run).
OPEN_QUEUE = ~models.Q(status__in=sorted(TERMINAL | {Status.DRAFT}))


class Dossier(ChoiceLabels, models.Model):
    """One request under one procedure version. Its status and clock change only through the
    services in ``dossiers.services``, each of which appends an Event."""

    code = models.CharField(
        _("mã hồ sơ"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Mã hồ sơ (MaHoSo, TT 01/2018 Điều 19), dạng mã đơn vị-YYMMDD-số thứ tự; cấp khi nộp "
            "hoặc tiếp nhận, trống với bản nháp."
        ),
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.PROTECT,
        related_name="dossiers",
        help_text=_("Phiên bản thủ tục đang công khai tại thời điểm nộp, tiếp nhận."),
    )
    rules = models.ForeignKey(
        "dossiers.RuleSet",
        verbose_name=_("bộ quy tắc"),
        on_delete=models.PROTECT,
        related_name="dossiers",
        help_text=_("Bộ quy tắc (thời hạn, mã, biểu mẫu) có hiệu lực khi tiếp nhận."),
    )
    channel = models.CharField(
        _("kênh nộp"),
        max_length=20,
        choices=Channel.choices,
        help_text=_("Kênh thực hiện (KenhThucHien): trực tiếp, trực tuyến, bưu chính."),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=30,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_("Trạng thái nội bộ; chỉ đổi qua các nghiệp vụ."),
    )
    outcome = models.CharField(
        _("kết quả giải quyết"),
        max_length=20,
        choices=Outcome.choices,
        default=Outcome.NONE,
        blank=True,
        help_text=_("Giải quyết, từ chối, dừng hoặc rút hồ sơ."),
    )
    # Where it is.
    receiving_unit = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("nơi tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
        help_text=_("Bộ phận Một cửa, Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ."),
    )
    resolving_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan giải quyết"),
        on_delete=models.PROTECT,
        related_name="resolved_dossiers",
        help_text=_("Cơ quan có thẩm quyền giải quyết (định tuyến theo thẩm quyền)."),
    )
    boundary_free_basis = models.ForeignKey(
        "catalog.BoundaryFreeList",
        verbose_name=_("căn cứ tiếp nhận phi địa giới"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        help_text=_(
            "Danh mục TTHC tiếp nhận không phụ thuộc địa giới hành chính có hiệu lực khi tiếp "
            "nhận, nếu nơi tiếp nhận không thuộc xã, phường của cơ quan giải quyết (NĐ 118/2025 "
            "Điều 14 khoản 2); trống với hồ sơ tiếp nhận trong địa bàn."
        ),
    )
    holder = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan đang giữ hồ sơ"),
        on_delete=models.PROTECT,
        related_name="held_dossiers",
        help_text=_("Cơ quan đang xử lý hồ sơ lúc này (khác cơ quan giải quyết khi liên thông)."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_dossiers",
        help_text=_("Cán bộ đang được giao xử lý."),
    )
    # Who asks.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản người nộp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        help_text=_("Tài khoản trên Cổng của chủ hồ sơ hoặc người nộp thay (nếu có)."),
    )
    applicant_kind = models.CharField(
        _("loại chủ hồ sơ"),
        max_length=20,
        choices=ApplicantKind.choices,
        default=ApplicantKind.CITIZEN,
        help_text=_(
            "Công dân, doanh nghiệp – tổ chức, hộ kinh doanh hoặc cơ quan nhà nước (LoaiDoiTuong)."
        ),
    )
    applicant_name = models.CharField(
        _("chủ hồ sơ"), max_length=255, help_text=_("Họ tên cá nhân hoặc tên tổ chức (ChuHoSo).")
    )
    applicant_search = models.CharField(
        _("tên chủ hồ sơ để tìm"),
        max_length=300,
        default="",
        blank=True,
        editable=False,
        help_text=_(
            "Tên chủ hồ sơ không dấu, chữ thường, có khoảng trắng hai đầu (tìm không phân biệt "
            "dấu); tự cập nhật khi lưu."
        ),
    )
    applicant_id_number = models.CharField(
        _("số định danh, mã số"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_(
            "Số định danh cá nhân, mã số thuế (mã số doanh nghiệp) hoặc, với cơ quan nhà nước, "
            "mã ĐVQHNS (MaDoiTuong)."
        ),
    )
    applicant_phone = models.CharField(
        _("số điện thoại"), max_length=20, blank=True, db_index=True, help_text=_("SoDienThoai.")
    )
    applicant_email = models.EmailField(_("thư điện tử"), blank=True, help_text=_("Email."))
    applicant_address = models.CharField(
        _("địa chỉ"), max_length=255, blank=True, help_text=_("Địa chỉ liên hệ của chủ hồ sơ.")
    )
    representative_name = models.CharField(
        _("người được ủy quyền"),
        max_length=255,
        blank=True,
        help_text=_(
            "Người nộp thay chủ hồ sơ (nếu có): người được tổ chức ủy quyền khi không phải người "
            "đại diện theo pháp luật, hoặc người nộp thay một cá nhân. Giấy ủy quyền, nếu có, ở "
            "``authorisation``."
        ),
    )
    representative_id_number = models.CharField(
        _("số định danh người được ủy quyền"),
        max_length=20,
        blank=True,
        help_text=_("Số định danh cá nhân của người nộp thay."),
    )
    representative_position = models.CharField(
        _("chức vụ người được ủy quyền"),
        max_length=150,
        blank=True,
        default="",
        help_text=_("Chức vụ, chức danh của người nộp thay trong tổ chức (nếu có)."),
    )
    representative_phone = models.CharField(
        _("số điện thoại người được ủy quyền"),
        max_length=20,
        blank=True,
        default="",
        help_text=_("Số điện thoại liên hệ của người nộp thay."),
    )
    vneid_verified = models.BooleanField(
        _("xác thực VNeID"),
        default=False,
        help_text=_(
            "Nộp bằng tài khoản đã xác thực VNeID (TaiKhoanDuocXacThucVoiVNeID, 766 4.5b)."
        ),
    )
    applicant_data_source = models.CharField(
        _("nguồn dữ liệu chủ hồ sơ"),
        max_length=20,
        choices=SourceDatabase.choices,
        blank=True,
        default="",
        help_text=_(
            "Cơ sở dữ liệu quốc gia mà thông tin chủ hồ sơ được lấy từ đó (MaCSDL, chỉ số 766 "
            "4.5a/b); trống nếu nhập tay."
        ),
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ hỗ trợ nộp trực tuyến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assisted_dossiers",
        help_text=_(
            "Cán bộ Bộ phận Một cửa đã cùng chủ hồ sơ nộp hồ sơ trực tuyến bằng tài khoản của "
            "chủ hồ sơ (nộp trực tuyến có hỗ trợ); trống nếu chủ hồ sơ tự nộp."
        ),
    )
    summary = models.CharField(
        _("trích yếu"), max_length=500, blank=True, help_text=_("Nội dung yêu cầu (TrichYeuHoSo).")
    )
    form_data = models.JSONField(
        _("dữ liệu tờ khai"),
        default=dict,
        blank=True,
        help_text=_("Các trường riêng của thủ tục, như khai trên tờ khai điện tử."),
    )
    delivery = models.CharField(
        _("hình thức nhận kết quả"),
        max_length=20,
        choices=Delivery.choices,
        default=Delivery.DESK,
        help_text=_("Nhận tại Bộ phận Một cửa, qua bưu chính hoặc trực tuyến."),
    )
    delivery_address = models.CharField(
        _("địa chỉ nhận kết quả"),
        max_length=255,
        blank=True,
        help_text=_("Địa chỉ nhận qua bưu chính."),
    )
    # The clock (domain.md §4.5, §5.4).
    submitted_at = models.DateTimeField(
        _("thời điểm nộp"), null=True, blank=True, help_text=_("NgayNopHoSo.")
    )
    received_at = models.DateTimeField(
        _("thời điểm tiếp nhận"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("NgayTiepNhan: lúc Bộ phận Một cửa tiếp nhận hồ sơ."),
    )
    clock_start_at = models.DateTimeField(
        _("thời điểm bắt đầu tính hạn"),
        null=True,
        blank=True,
        help_text=_("Tiếp nhận sau giờ chốt thì tính từ đầu ngày làm việc tiếp theo."),
    )
    original_due_at = models.DateTimeField(
        _("hạn trả ban đầu"),
        null=True,
        blank=True,
        help_text=_("Ngày hẹn trả ghi trên Giấy tiếp nhận (không bao giờ đổi)."),
    )
    due_at = models.DateTimeField(
        _("hạn trả hiện tại"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("NgayHenTra hiện tại: sau khi tính lại do bổ sung hoặc hẹn lại."),
    )
    intake_due_at = models.DateTimeField(
        _("hạn kiểm tra hồ sơ trực tuyến"),
        null=True,
        blank=True,
        help_text=_("Hạn tiếp nhận hoặc hướng dẫn bổ sung hồ sơ nộp trực tuyến (8 giờ làm việc)."),
    )
    finished_at = models.DateTimeField(
        _("thời điểm có kết quả"),
        null=True,
        blank=True,
        help_text=_("NgayKetThucXuLy: kết thúc xử lý (có kết quả, dừng, rút)."),
    )
    returned_at = models.DateTimeField(
        _("thời điểm trả kết quả"), null=True, blank=True, help_text=_("NgayTra.")
    )
    version = models.PositiveIntegerField(
        _("phiên bản dữ liệu"),
        default=1,
        help_text=_("Tăng mỗi lần thay đổi; thao tác trên dữ liệu cũ bị từ chối."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("thời điểm cập nhật"))

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["holder", "status", "due_at"], name="dossier_queue"),
            models.Index(fields=["receiving_unit", "received_at"], name="dossier_intake"),
            models.Index(fields=["applicant", "-created_at"], name="dossier_applicant"),
            # The reports' dossiers ended in a period (766 indicator 4.1's costing list, the
            # officer evaluation) and those not ended before it began: a range on the end time,
            # not a scan of everything received since the beginning.
            models.Index(fields=["finished_at"], name="dossier_finished"),
            # Work queues (backoffice.selectors.queue) list open dossiers only, a few percent of
            # the table: partial indexes keep a desk's and a person's queue small at any volume.
            # The (due_at NULLS FIRST, id) order itself and the name search are served by
            # PostgreSQL-only indexes created in migration 0004 (SQLite accepts no NULLS FIRST
            # in an index and has no trigram index).
            models.Index(
                fields=["receiving_unit", "due_at", "id"],
                name="dossier_open_desk",
                condition=OPEN_QUEUE,
            ),
            models.Index(
                fields=["assignee", "due_at", "id"],
                name="dossier_open_assignee",
                condition=OPEN_QUEUE,
            ),
        ]

    def __str__(self) -> str:
        return self.code or str(_("Hồ sơ nháp #%(id)s") % {"id": self.pk})

    def save(self, *args, **kwargs):
        self.applicant_search = padded(self.applicant_name)
        fields = kwargs.get("update_fields")
        if fields is not None and "applicant_name" in fields:
            kwargs["update_fields"] = {*fields, "applicant_search"}
        super().save(*args, **kwargs)

    def save_if_version(self, seen: int) -> bool:
        """Write every column, as ``save`` does, only if the row still has version ``seen``
        (one conditional UPDATE); False, and nothing written, if it moved meanwhile."""
        self.applicant_search = padded(self.applicant_name)
        values = {
            field.attname: field.pre_save(self, False)  # updated_at's auto_now
            for field in self._meta.concrete_fields
            if not field.primary_key
        }
        rows = type(self)._base_manager.filter(pk=self.pk, version=seen)
        return rows.update(**values) == 1

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL
