from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    verbose_name = _("Thống kê, báo cáo")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .index766.seeding import ensure_indicator_sets

        # Also after a test database flush, which empties data migrations' rows.
        post_migrate.connect(
            ensure_indicator_sets, sender=self, dispatch_uid="reports.ensure_indicator_sets"
        )

        from motcua.dossiers.signals import dossier_changed

        from .aggregates.receivers import keep_aggregates

        dossier_changed.connect(keep_aggregates, dispatch_uid="reports.keep_aggregates")
