from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "motcua.operations"
    verbose_name = _("Vận hành")

    def ready(self):
        # Carries the request id into the tasks a request enqueues and into the worker's logs.
        from . import tasks  # noqa: F401
