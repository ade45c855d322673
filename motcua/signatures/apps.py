from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "motcua.signatures"
    verbose_name = _("Chữ ký số")

    def ready(self) -> None:
        from . import registry

        for module in registry.plugin_modules():
            import_module(module)
