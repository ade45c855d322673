from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    """National systems (Cổng DVC quốc gia, CSDL quốc gia về dân cư, bưu chính công ích), each a
    plugin with an offline demo twin inside the project."""

    name = "motcua.integrations"
    verbose_name = _("Kết nối hệ thống quốc gia")

    def ready(self):
        # Contrib plugins register themselves on import.
        from .population.contrib.demo import plugin  # noqa: F401
