from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "motcua.notifications"
    verbose_name = _("Thông báo")

    def ready(self):
        from motcua.dossiers import events

        from .constants import topic_for
        from .contrib.demo_sms import plugin as _demo_sms  # noqa: F401 (registers)
        from .contrib.email import plugin as _email  # noqa: F401 (registers)
        from .handlers import on_dossier_event

        # Only events with a topic make a message (``services.notify_event``); the others are
        # not dispatched at all (a draft's saves, a submission).
        events.register(
            "notifications", on_dossier_event, wants=lambda event: topic_for(event) is not None
        )
