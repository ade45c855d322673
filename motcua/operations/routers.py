"""Reports read from a replica when REPORTS_DATABASE_URL is set (settings.py).

Only reads made while serving a report page or the report API, marked by the middleware below,
go to the "reports" alias; writes, and every other read, go to "default". A replica is behind
by its replication lag (usually under a second, longer during a bulk load): reports are counts
over days and months, computed from aggregates the workers also maintain with a delay, so a
report never needs the last second's writes (docs/deployment.md). A report export's own row
and its file are written on "default" by the worker."""

from __future__ import annotations

import contextvars

from django.conf import settings

_reading_reports: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reading_reports", default=False
)
REPORT_VIEW_MODULES = ("motcua.reports.", "motcua.api.views_reports")


def replica_configured() -> bool:
    return "reports" in settings.DATABASES


class ReportsReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_reports.get() and replica_configured():
            return "reports"
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica is a copy of "default": never migrated on its own.
        return db != "reports"


def is_report_view(view_func) -> bool:
    module = getattr(view_func, "__module__", "") or ""
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    if view_class is not None:
        module = view_class.__module__
    return module.startswith(REPORT_VIEW_MODULES)


class ReportsReplicaMiddleware:
    """Marks the safe (GET, HEAD) requests of report views as reads for the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            # A worker thread serves the next request in the same context: always unmark.
            token = getattr(request, "_reports_replica_token", None)
            if token is not None:
                _reading_reports.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in ("GET", "HEAD") and is_report_view(view_func):
            request._reports_replica_token = _reading_reports.set(True)
        return None


class reading_reports:
    """``with reading_reports():`` — reads in the block go to the replica (when configured)."""

    def __enter__(self):
        self._token = _reading_reports.set(True)
        return self

    def __exit__(self, *exc):
        _reading_reports.reset(self._token)
        return False
