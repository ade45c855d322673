from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "motcua.notifications"
    verbose_name = _("Thông báo")

    def ready(self):
        from motcua.dossiers import events

        from .contrib.demo_sms import plugin as _demo_sms  # noqa: F401 (registers)
        from .contrib.email import plugin as _email  # noqa: F401 (registers)
        from .handlers import on_dossier_event

        events.register("notifications", on_dossier_event)
