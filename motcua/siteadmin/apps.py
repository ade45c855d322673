"""AppConfig subclasses of third-party apps, named in Vietnamese; INSTALLED_APPS points to these
instead of the packages' own configs. App labels stay the same, so no migration changes.

Model names are set on `_meta` at start-up: `makemigrations` reads only the options written
in a model's Meta (`original_attrs`), so no migration is generated in the packages.
"""

from django.apps import apps
from django.contrib.admin.apps import SimpleAdminConfig
from django.contrib.admin.checks import check_admin_app, check_dependencies
from django.core import checks
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as OTPStaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OTPTOTPConfig
from django_tasks.apps import TasksAppConfig as TasksConfigBase
from django_tasks_db.apps import TasksAppConfig
from oauth2_provider.apps import DOTConfig


def _name_models(app_label: str, names: dict) -> None:
    for model_name, (singular, plural) in names.items():
        opts = apps.get_model(app_label, model_name)._meta
        opts.verbose_name = singular
        opts.verbose_name_plural = plural


class TasksConfig(TasksConfigBase):
    """django-tasks: the background task framework (no models of its own)."""

    verbose_name = _("Hàng đợi tác vụ nền")


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks' database backend: the queue of background work."""

    verbose_name = _("Tác vụ nền")

    def ready(self):
        super().ready()
        from . import leases  # noqa: F401 (connects the heartbeat to task_started/finished)

        # Its admin is swapped for one with Vietnamese column names after the admin's
        # discovery (discovery.py).


class IdentityProviderConfig(DOTConfig):
    """django-oauth-toolkit: the demo VNeID provider (OpenID Connect) of docs/identity.md."""

    verbose_name = _("Nhà cung cấp định danh (OpenID Connect)")

    def ready(self):
        super().ready()
        _name_models(
            self.label,
            {
                "accesstoken": (_("mã truy cập"), _("mã truy cập")),
                "devicegrant": (_("mã cấp quyền thiết bị"), _("mã cấp quyền thiết bị")),
                "application": (_("ứng dụng kết nối"), _("ứng dụng kết nối")),
                "grant": (_("mã cấp quyền"), _("mã cấp quyền")),
                "idtoken": (_("mã định danh (ID token)"), _("mã định danh (ID token)")),
                "refreshtoken": (_("mã làm mới"), _("mã làm mới")),
            },
        )


class AdminConfig(SimpleAdminConfig):
    """django.contrib.admin, whose site asks officers' second factor (site.py), and whose
    modules are discovered when the URLconf loads, not at every process's start (discovery.py:
    the report commands and the worker never import them)."""

    default_site = "motcua.siteadmin.site.AdminSite"

    def ready(self):
        checks.register(check_dependencies, checks.Tags.admin)
        checks.register(_check_discovered_admin, checks.Tags.admin)


def _check_discovered_admin(app_configs=None, **kwargs):
    """Django's admin checks over every app's ModelAdmin: `manage.py check` discovers the admin
    first, as the URLconf would."""
    from .discovery import discover

    discover()
    return check_admin_app(app_configs, **kwargs)


class TotpConfig(OTPTOTPConfig):
    """django-otp's authenticator-app devices (TOTP) for officers' second factor."""

    verbose_name = _("Xác thực hai lớp: ứng dụng xác thực")

    def ready(self):
        super().ready()
        _name_models(self.label, {"totpdevice": (_("ứng dụng xác thực"), _("ứng dụng xác thực"))})


class StaticConfig(OTPStaticConfig):
    """django-otp's single-use recovery codes for officers' second factor."""

    verbose_name = _("Xác thực hai lớp: mã dự phòng")

    def ready(self):
        super().ready()
        _name_models(
            self.label,
            {
                "staticdevice": (_("bộ mã dự phòng"), _("bộ mã dự phòng")),
                "statictoken": (_("mã dự phòng"), _("mã dự phòng")),
            },
        )
