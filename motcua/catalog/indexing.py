"""Keeps a version's normalised search columns in step with its content. Called by every
service that writes a version, never by views."""

from __future__ import annotations

from .models import ProcedureVersion
from .search import normalise, padded


def reindex(version: ProcedureVersion) -> None:
    """Recompute and store search_name and search_text: the name weighs most; code, field,
    result and agencies are searchable too."""
    agencies = [agency.name for agency in version.agencies.all()]
    parts = [
        version.procedure.code,
        version.name,
        version.field.name,
        version.result_name,
        *agencies,
    ]
    version.search_name = padded(version.name)
    version.search_text = f" {' '.join(normalise(part) for part in parts if part)} "
    ProcedureVersion.objects.filter(pk=version.pk).update(
        search_name=version.search_name, search_text=version.search_text
    )
