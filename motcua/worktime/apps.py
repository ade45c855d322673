from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WorktimeConfig(AppConfig):
    name = "motcua.worktime"
    verbose_name = _("Lịch làm việc")

    def ready(self) -> None:
        from . import signals

        post_migrate.connect(signals.seed_after_migrate, sender=self)
