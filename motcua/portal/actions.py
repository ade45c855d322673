"""What the applicant does from the portal, each one call into the dossier services after the
portal's own part (storing uploads in the data store, resolving picks from it)."""

from __future__ import annotations

from motcua.dossiers import services
from motcua.dossiers.constants import FileOrigin, Status
from motcua.dossiers.services import ComponentInput

from . import datastore, uploads


def component_input(user, *, name, component=None, upload=None, kept=None, pick=None):
    """A ComponentInput from an upload (stored now, or ``kept``: stored by an earlier try) or a
    file picked from the data store; None if none was given or the file is not the person's."""
    if upload:
        stored = uploads.store(upload, user=user, content_type=upload.checked_content_type)
        return ComponentInput(name=name, component=component, files=[stored])
    if kept and (stored := uploads.kept_upload(user, kept)) is not None:
        return ComponentInput(name=name, component=component, files=[stored])
    if pick:
        item = datastore.find(user, pick)
        if item is None:
            return None
        return ComponentInput(
            name=name,
            component=component,
            files=[item.file],
            origin=FileOrigin.DATA_STORE,
            reused=True,
        )
    return None


def answer_supplement(user, dossier, form, *, expected_version=None, idempotency_key=None):
    """Send what a supplement request asked for: before acceptance it is a resubmission, after
    appraisal it completes the supplement and the clock resumes."""
    components = []
    for index, item in enumerate(form.items):
        given = component_input(
            user,
            name=item["name"],
            upload=form.cleaned_data.get(f"upload_{index}"),
            kept=form.cleaned_data.get(f"kept_{index}"),
            pick=form.cleaned_data.get(f"pick_{index}"),
        )
        if given is not None:
            components.append(given)
    service = (
        services.resubmit
        if dossier.status == Status.INTAKE_SUPPLEMENT
        else services.complete_supplement
    )
    return service(
        dossier,
        actor=user,
        components=components,
        note=form.cleaned_data["note"],
        expected_version=expected_version,
        idempotency_key=idempotency_key,
    )


def keep_uploads(user, form) -> dict:
    """After a refused supplement answer: store the uploads that passed and find those kept by
    an earlier try (item index -> StoredFile), so the person chooses again only what was
    refused."""
    cleaned = getattr(form, "cleaned_data", {})
    kept = {}
    for index in range(len(form.items)):
        upload = cleaned.get(f"upload_{index}")
        if upload:
            kept[index] = uploads.store(upload, user=user, content_type=upload.checked_content_type)
        elif (stored := uploads.kept_upload(user, form.data.get(f"kept_{index}"))) is not None:
            kept[index] = stored
    return kept
