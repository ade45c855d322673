"""Report tasks: take ids, idempotent (a built export is never built again)."""

from django_tasks import task


@task()
def build_export(export_id: int) -> str:
    from .exports.jobs import run_export

    return run_export(export_id)
