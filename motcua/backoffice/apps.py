from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "motcua.backoffice"
    verbose_name = _("Hệ thống xử lý hồ sơ")

    def ready(self) -> None:
        from . import officer_lists  # noqa: F401 - connects the receivers
        from .second_factor import signals  # noqa: F401 - connects the receivers
