from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "motcua.operations"
    verbose_name = _("Vận hành")

    def ready(self):
        # tasks: carries the request id into the tasks a request enqueues and into the worker's
        # logs. startup: the last app (settings.py appends it), so start-up's objects are all
        # made: the collector manage.py turned off is back on (startup.py).
        from . import startup, tasks  # noqa: F401

        startup.resume()
