from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "motcua.notices"
    verbose_name = _("Biểu mẫu, phiếu")

    def ready(self):
        from motcua.dossiers import events

        from .handlers import on_dossier_event

        events.register("notices", on_dossier_event)
