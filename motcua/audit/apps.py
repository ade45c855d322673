from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "motcua.audit"
    verbose_name = _("Nhật ký truy cập, thao tác")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import chain, signals

        connection_created.connect(chain.register_sqlite_function)
        signals.connect()
