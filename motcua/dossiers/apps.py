from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    verbose_name = _("Hồ sơ thủ tục hành chính")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .rulesets import ensure_rule_sets

        # Also after a test database flush, which empties data migrations' rows.
        post_migrate.connect(
            ensure_rule_sets, sender=self, dispatch_uid="dossiers.ensure_rule_sets"
        )
