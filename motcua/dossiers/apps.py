from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    verbose_name = _("Hồ sơ thủ tục hành chính")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from .models import RuleSet
        from .rulesets import ensure_rule_sets, rule_set_changed

        # Also after a test database flush, which empties data migrations' rows.
        post_migrate.connect(
            ensure_rule_sets, sender=self, dispatch_uid="dossiers.ensure_rule_sets"
        )
        # The rule sets this process read are forgotten when one is saved or deleted here
        # (other processes read them again within CALENDAR_RECHECK_SECONDS: rulesets.py).
        post_save.connect(rule_set_changed, sender=RuleSet, dispatch_uid="dossiers.rule_set_saved")
        post_delete.connect(
            rule_set_changed, sender=RuleSet, dispatch_uid="dossiers.rule_set_deleted"
        )
