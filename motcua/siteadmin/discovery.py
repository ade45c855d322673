"""The admin's autodiscovery, run when the URLconf loads instead of at every process's start.

Django's documented pattern (`SimpleAdminConfig` plus `admin.autodiscover()` where the URLs are
built): a management command that resolves no URL (the report commands, the worker) never imports
the forty-odd `admin.py` modules and what they pull in (#18). The web process, the test client
and `manage.py check` (its admin check runs `discover()` first, apps.py) see the same site as
before: every app's admin, then the adjustments below, which need the registrations to exist.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_done = False


def discover() -> None:
    """Import every app's admin module and adjust the site; idempotent, safe across threads."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        from django.contrib import admin

        admin.autodiscover()
        _adjust(admin.site)
        _done = True


def _adjust(site) -> None:
    from django.apps import apps
    from django.contrib.auth import get_user_model

    from .site import reset_second_factor
    from .tasks_admin import TaskResultAdmin

    # The accounts app sits below the back office and knows nothing of second factors: the
    # reset is added to its account list here.
    user_admin = site._registry[get_user_model()]
    if reset_second_factor not in (user_admin.actions or ()):
        user_admin.actions = (*(user_admin.actions or ()), reset_second_factor)

    # django-tasks' database backend: the package's admin swapped for one with Vietnamese names.
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    if site.is_registered(task_result):
        site.unregister(task_result)
    site.register(task_result, TaskResultAdmin)

    # A device's secret and the recovery codes are never shown to a colleague: the admin resets
    # a person's devices from the account list instead (action in site.py).
    for label, name in (("otp_totp", "TOTPDevice"), ("otp_static", "StaticDevice")):
        model = apps.get_model(label, name)
        if site.is_registered(model):
            site.unregister(model)
