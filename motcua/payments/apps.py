from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    verbose_name = _("Thanh toán phí, lệ phí")

    def ready(self):
        # Contrib plugins register themselves on import.
        from . import checks  # noqa: F401 (registers the deployment check)
        from .contrib.demo import plugin  # noqa: F401
        from .contrib.dvcqg import plugin as dvcqg_plugin  # noqa: F401
