from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import UserKind


class _KindCheckedLoginForm(AuthenticationForm):
    """A login form that only lets one kind of account through."""

    allowed_kinds: tuple[str, ...] = ()
    wrong_kind_message: str = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.kind not in self.allowed_kinds:
            raise forms.ValidationError(self.wrong_kind_message, code="wrong_kind")


class ApplicantLoginForm(_KindCheckedLoginForm):
    username = forms.CharField(
        label=_("Số định danh cá nhân, số điện thoại hoặc thư điện tử"), max_length=254
    )
    allowed_kinds = (UserKind.CITIZEN, UserKind.BUSINESS)
    wrong_kind_message = _(
        "Tài khoản cán bộ đăng nhập tại trang dành cho cán bộ (Hệ thống xử lý hồ sơ)."
    )


class OfficerLoginForm(_KindCheckedLoginForm):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=254)
    allowed_kinds = (UserKind.OFFICER,)
    wrong_kind_message = _(
        "Trang này chỉ dành cho cán bộ, công chức. Công dân đăng nhập tại Cổng dịch vụ công."
    )
