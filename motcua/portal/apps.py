from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "motcua.portal"
    verbose_name = _("Cổng dịch vụ công")

    def ready(self) -> None:
        # CSRF secrets and masks from one read of the random source (csrf_random.py, #18).
        from . import csrf_random

        csrf_random.install()
