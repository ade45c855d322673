from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "motcua.api"
    verbose_name = _("API cho hệ thống kết nối")

    def ready(self):
        from . import schema  # noqa: F401 (registers the OpenAPI authentication extensions)
