import importlib

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.utils.translation import gettext_lazy as _


def ensure_seed(sender=None, apps=None, **kwargs) -> None:
    """Create the national criteria set and the feedback limits if missing (idempotent). Also
    after a test database flush, which empties what data migrations wrote."""
    migration = importlib.import_module("motcua.feedback.migrations.0002_seed")
    migration.seed(apps or global_apps, None)


class FeedbackConfig(AppConfig):
    name = "motcua.feedback"
    verbose_name = _("Đánh giá, phản ánh kiến nghị")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(ensure_seed, sender=self, dispatch_uid="feedback.ensure_seed")
