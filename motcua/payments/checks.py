"""Deployment checks: no offered gateway may run on its development secret."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from . import conf
from .registry import registry


@checks.register(checks.Tags.security, deploy=True)
def demo_secret_configured(app_configs=None, **kwargs):
    errors = []
    offered = conf.gateways()
    for name in offered:
        if name not in registry:
            errors.append(
                checks.Error(
                    f"PAYMENT_GATEWAYS names an unknown gateway {name!r}.", id="payments.E003"
                )
            )
    for name, read, code in (
        ("demo", conf.demo_secret, "payments.E001"),
        ("dvcqg", conf.paygov_secret, "payments.E002"),
    ):
        if name not in offered:
            continue
        try:
            read()
        except ImproperlyConfigured as error:
            errors.append(checks.Error(str(error), id=code))
    return errors
