from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "motcua.api"
    verbose_name = _("API cho hệ thống kết nối")

    def ready(self):
        from motcua.dossiers.signals import event_recorded

        def _on_event(sender, event, **kwargs):
            from .webhooks import outbox  # imported at the first event, not at start-up (#18)

            outbox.enqueue_event(event)

        self._on_event = _on_event  # kept: the signal holds receivers weakly
        event_recorded.connect(_on_event, dispatch_uid="api.webhooks.outbox")
