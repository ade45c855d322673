from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _on_dossier_event(event) -> None:
    # Imported on the first event, not at start-up: issuing pulls in the signing stack
    # (pyHanko), about a second of every process's start (a report command's, a worker's).
    from .handlers import on_dossier_event

    on_dossier_event(event)


class NoticesConfig(AppConfig):
    name = "motcua.notices"
    verbose_name = _("Biểu mẫu, phiếu")

    def ready(self):
        from motcua.dossiers import events
        from motcua.dossiers.constants import Action

        # Only an acceptance issues anything (``handlers.on_dossier_event``).
        events.register(
            "notices", _on_dossier_event, wants=lambda event: event.action == Action.ACCEPT
        )
