"""Users of the system: applicants (citizens and businesses) and officers."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .validators import validate_organisation_code, validate_personal_id, validate_phone


class UserKind(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")
    BUSINESS = "business", _("Tổ chức, doanh nghiệp")
    OFFICER = "officer", _("Cán bộ, công chức")


class User(AbstractUser):
    """One login. Applicants (citizens, businesses) use the portal; officers use the back office.
    Names are Vietnamese full names in one field; first/last name are not used."""

    kind = models.CharField(
        _("loại tài khoản"),
        max_length=20,
        choices=UserKind.choices,
        default=UserKind.CITIZEN,
        help_text=_("Công dân, tổ chức nộp hồ sơ trên Cổng; cán bộ xử lý trên hệ thống một cửa."),
    )
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(
        _("số điện thoại"), max_length=20, blank=True, validators=[validate_phone]
    )
    language = models.CharField(
        _("ngôn ngữ giao diện"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_(
            "Ngôn ngữ người dùng đã chọn ở chân trang; để trống thì theo lựa chọn gần nhất "
            "trên máy đang dùng, rồi tiếng Việt."
        ),
    )

    sign_in_epoch = models.PositiveIntegerField(
        _("thế hệ phiên đăng nhập"),
        default=0,
        editable=False,
        help_text=_(
            "Tăng lên khi phải đăng xuất mọi phiên của tài khoản (ứng dụng xác thực bị gỡ hoặc "
            "thay): phiên cũ hết hiệu lực ở yêu cầu kế tiếp."
        ),
    )

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return (self.full_name.split() or [self.username])[-1]

    def _get_session_auth_hash(self, secret=None):
        """The session's proof of the account, as Django's (an HMAC of the password hash), with
        ``sign_in_epoch`` mixed in once it has moved: bumping it ends every session of the
        account at its next request, at no cost per request (the user row is read anyway)."""
        if not self.sign_in_epoch:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "motcua.accounts.User.session_auth_hash",
            f"{self.password}:{self.sign_in_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def is_officer(self) -> bool:
        return self.kind == UserKind.OFFICER

    @property
    def is_applicant(self) -> bool:
        return self.kind in (UserKind.CITIZEN, UserKind.BUSINESS)


class CitizenProfile(models.Model):
    """The individual applicant behind a citizen account (chủ hồ sơ là cá nhân)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="citizen_profile", verbose_name=_("tài khoản")
    )
    personal_id = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        unique=True,
        help_text=_("Số định danh cá nhân 12 chữ số (số căn cước, căn cước công dân)."),
    )
    date_of_birth = models.DateField(_("ngày sinh"))
    address = models.CharField(_("địa chỉ thường trú"), max_length=255, blank=True)
    vneid_verified = models.BooleanField(
        _("đã xác thực bằng VNeID"),
        default=False,
        help_text=_(
            "Danh tính đã được xác thực qua tài khoản định danh điện tử VNeID "
            "(TaiKhoanDuocXacThucVoiVNeID, dùng cho chỉ số 766)."
        ),
    )
    vneid_verified_at = models.DateTimeField(_("thời điểm xác thực VNeID"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ công dân")
        verbose_name_plural = _("hồ sơ công dân")

    def __str__(self) -> str:
        return f"{self.user.full_name} ({self.personal_id})"

    def clean(self) -> None:
        validate_personal_id(self.personal_id, self.date_of_birth)


class BusinessKind(models.TextChoices):
    """Kind of organisation applicant (LoaiDoiTuong)."""

    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    HOUSEHOLD_BUSINESS = "household_business", _("Hộ kinh doanh")
    STATE_AGENCY = "state_agency", _("Cơ quan nhà nước")
    OTHER = "other", _("Tổ chức khác")


class BusinessProfile(models.Model):
    """The organisation behind a business account (chủ hồ sơ là tổ chức, doanh nghiệp)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="business_profile", verbose_name=_("tài khoản")
    )
    name = models.CharField(_("tên tổ chức"), max_length=255)
    kind = models.CharField(
        _("loại tổ chức"),
        max_length=30,
        choices=BusinessKind.choices,
        default=BusinessKind.ENTERPRISE,
    )
    tax_code = models.CharField(
        _("mã số thuế, mã số doanh nghiệp"),
        max_length=14,
        unique=True,
        help_text=_(
            "Mã số thuế (mã số doanh nghiệp); cơ quan nhà nước có thể dùng mã số đơn vị có quan "
            "hệ với ngân sách (mã ĐVQHNS, 7 chữ số)."
        ),
    )
    address = models.CharField(_("địa chỉ trụ sở"), max_length=255, blank=True)
    legal_representative = models.CharField(
        _("người đại diện theo pháp luật"), max_length=150, blank=True
    )

    class Meta:
        verbose_name = _("hồ sơ tổ chức")
        verbose_name_plural = _("hồ sơ tổ chức")

    def __str__(self) -> str:
        return f"{self.name} ({self.tax_code})"

    def clean(self) -> None:
        try:
            validate_organisation_code(
                self.tax_code, state_agency=self.kind == BusinessKind.STATE_AGENCY
            )
        except ValidationError as error:
            raise ValidationError({"tax_code": error}) from error


class VerificationChannel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    PHONE = "phone", _("Tin nhắn điện thoại")


class VerificationCode(models.Model):
    """A one-time code proving that a new account's owner holds its phone or e-mail. Phone codes
    wait here, visible to administrators, until an SMS provider delivers them."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="verification_codes",
        verbose_name=_("tài khoản"),
    )
    channel = models.CharField(_("kênh gửi"), max_length=10, choices=VerificationChannel.choices)
    destination = models.CharField(
        _("gửi đến"), max_length=254, help_text=_("Số điện thoại hoặc địa chỉ thư điện tử.")
    )
    code = models.CharField(_("mã xác thực"), max_length=6, help_text=_("6 chữ số, dùng một lần."))
    created_at = models.DateTimeField(_("thời điểm tạo"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    attempts = models.PositiveSmallIntegerField(
        _("số lần nhập sai"), default=0, help_text=_("Mã bị hủy sau 5 lần nhập sai.")
    )
    used_at = models.DateTimeField(_("thời điểm sử dụng"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã xác thực tài khoản")
        verbose_name_plural = _("mã xác thực tài khoản")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.destination}"
