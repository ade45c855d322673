"""The subscriber to dossier events (registered in ``NotificationsConfig.ready``)."""

from . import services


def on_dossier_event(event) -> None:
    services.notify_event(event)
