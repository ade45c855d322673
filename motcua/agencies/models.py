"""The agency tree (cơ quan, đơn vị) with its history, and staff memberships in units."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import EventKind, Level, Role
from .validators import validate_identity_code


class AgencyQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> AgencyQuerySet:
        """Agencies that exist on ``day`` (established and not yet merged or dissolved)."""
        return self.filter(
            Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        )

    def subtree_of(self, agency: Agency, *, include_self: bool = True) -> AgencyQuerySet:
        """The agency and every node below it, at any depth, by the materialised path."""
        qs = self.filter(path__startswith=agency.path)
        return qs if include_self else qs.exclude(pk=agency.pk)

    def with_desk(self) -> AgencyQuerySet:
        return self.filter(runs_one_stop_desk=True)


class Agency(models.Model):
    """A node of the agency tree: ministry, province, department, historical district, commune or
    sub-unit (cơ quan, đơn vị). Nodes are never deleted; a merger or dissolution closes the
    validity period and, for a merger, names the successor."""

    code = models.CharField(
        _("mã định danh"),
        max_length=13,
        blank=True,
        validators=[validate_identity_code],
        help_text=_(
            "Mã định danh điện tử theo QCVN 102:2016/BTTTT, dạng 000.00.00.H42. "
            "Phòng, ban nội bộ có thể không có mã riêng."
        ),
    )
    name = models.CharField(
        _("tên"), max_length=255, help_text=_("Tên đầy đủ của cơ quan, đơn vị.")
    )
    short_name = models.CharField(
        _("tên ngắn"), max_length=100, blank=True, help_text=_("Tên ngắn dùng trong danh sách.")
    )
    level = models.CharField(
        _("cấp"),
        max_length=20,
        choices=Level.choices,
        help_text=_("Cấp hành chính hoặc loại đơn vị."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Đơn vị cấp trên trực tiếp hiện nay."),
    )
    path = models.CharField(
        max_length=255,
        editable=False,
        db_index=True,
        help_text=_("Đường dẫn vật chất hoá trong cây đơn vị (mã số nội bộ), dùng để lọc cây con."),
        verbose_name=_("đường dẫn trong cây đơn vị"),
    )
    depth = models.PositiveSmallIntegerField(
        default=0, editable=False, verbose_name=_("cấp trong cây đơn vị")
    )
    valid_from = models.DateField(
        _("có hiệu lực từ"), help_text=_("Ngày thành lập hoặc bắt đầu hoạt động.")
    )
    valid_to = models.DateField(
        _("có hiệu lực đến"),
        null=True,
        blank=True,
        help_text=_(
            "Ngày cuối cùng hoạt động (trước khi sáp nhập hoặc giải thể); trống nếu còn hoạt động."
        ),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text=_("Đơn vị nhận sáp nhập, kế thừa hồ sơ và thủ tục của đơn vị này."),
    )
    runs_one_stop_desk = models.BooleanField(
        _("có Bộ phận Một cửa"),
        default=False,
        help_text=_(
            "Đơn vị có Bộ phận Một cửa hoặc Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ."
        ),
    )
    desk_name = models.CharField(
        _("tên Bộ phận Một cửa"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Trung tâm Phục vụ hành chính công tỉnh …"),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["path"]
        indexes = [
            # Subtree queries are prefix matches (path LIKE '/1/7/%'); on PostgreSQL a plain
            # b-tree under a non-C collation cannot serve them, the pattern operator class can.
            models.Index(
                fields=["path"], name="agency_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="agency_code_unique_when_set"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="agency_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def is_active_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this agency, read from the path."""
        return [int(part) for part in self.path.strip("/").split("/") if part]


class AgencyEvent(models.Model):
    """An append-only record of a change to the tree: creation, renaming, moving, merger,
    dissolution (lịch sử thay đổi), with the decision that ordered it."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="events", verbose_name=_("cơ quan, đơn vị")
    )
    kind = models.CharField(
        max_length=20, choices=EventKind.choices, verbose_name=_("loại thay đổi")
    )
    effective_date = models.DateField(
        help_text=_("Ngày thay đổi có hiệu lực."), verbose_name=_("ngày có hiệu lực")
    )
    decision = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("Số, ký hiệu văn bản quyết định thay đổi (nếu có)."),
        verbose_name=_("văn bản quyết định"),
    )
    old_parent = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị cấp trên cũ"),
    )
    new_parent = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị cấp trên mới"),
    )
    successor = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị kế thừa"),
    )
    old_name = models.CharField(max_length=255, blank=True, verbose_name=_("tên cũ"))
    new_name = models.CharField(max_length=255, blank=True, verbose_name=_("tên mới"))
    recorded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm ghi nhận"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ghi nhận"),
    )

    class Meta:
        verbose_name = _("lịch sử đơn vị")
        verbose_name_plural = _("lịch sử đơn vị")
        ordering = ["effective_date", "id"]

    def __str__(self) -> str:
        return f"{self.agency} – {self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> MembershipQuerySet:
        return (
            self.filter(Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day)))
            .filter(unit__valid_from__lte=day)
            .filter(Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=day))
        )


class Membership(models.Model):
    """A staff member's role in one unit for a period (phân công cán bộ, công chức). One person
    may hold several roles in several units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("cán bộ"),
    )
    unit = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("đơn vị")
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    title = models.CharField(
        _("chức danh"), max_length=100, blank=True, help_text=_("Ví dụ: Phó Chủ tịch UBND xã.")
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role", "valid_from"], name="membership_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit.display_name}"
