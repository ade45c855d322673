from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    """National systems (Cổng DVC quốc gia, CSDL quốc gia về dân cư, bưu chính công ích), each a
    plugin with an offline demo twin inside the project."""

    name = "motcua.integrations"
    verbose_name = _("Kết nối hệ thống quốc gia")

    def ready(self):
        from motcua.dossiers.signals import event_recorded

        from .population.contrib.demo import plugin as population_plugin  # noqa: F401
        from .portal.contrib.dvcqg import plugin  # noqa: F401 (registers the plugin)
        from .postal.contrib.demo import plugin as postal_plugin  # noqa: F401

        def _on_event(sender, event, **kwargs):
            # The outbox (and the dossier services it builds payloads from) is imported at the
            # first event, not at every process's start (#18).
            from .portal import outbox

            outbox.enqueue_event(event)

        self._on_event = _on_event  # kept: the signal holds receivers weakly
        event_recorded.connect(_on_event, dispatch_uid="integrations.portal.outbox")
