"""Deployment check: the demo gateway must not run on its development secret."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from . import conf


@checks.register(checks.Tags.security, deploy=True)
def demo_secret_configured(app_configs=None, **kwargs):
    if conf.gateway() != "demo":
        return []
    try:
        conf.demo_secret()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="payments.E001")]
    return []
