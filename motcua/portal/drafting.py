"""Online applications being written (hồ sơ nháp): every step is kept with
``dossiers.services.save_draft`` and the finished draft is filed with ``submit_online``.

Each procedure version may define its own application fields as data
(``ProcedureVersion.form_fields``); a version without any asks the small generic set
(``catalog.answers.GENERIC_FIELDS``). The answers, checked by ``catalog.answer_checks``, are
kept under ``form_data["fields"]``. Contact details as corrected by the applicant are under
``form_data["contact"]``, the quantities the fees count by (number of pages, copies …) when the
form does not give them under ``form_data["quantities"]``, and the papers chosen for each
catalogue component under ``form_data["attachments"]`` (component id -> file id, origin,
provenance) until submission turns them into dossier components."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.catalog import fees
from motcua.catalog import forms as catalog_forms
from motcua.catalog import selectors as catalog
from motcua.catalog.constants import Channel, Quantity
from motcua.dossiers import access, services
from motcua.dossiers.constants import Delivery, FileOrigin, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import Applicant, ComponentInput

from . import datastore, representation, uploads

STEPS = (
    ("where", _("Nơi nộp")),
    ("applicant", _("Người nộp, nội dung")),
    ("documents", _("Giấy tờ")),
    ("delivery", _("Nhận kết quả")),
)


def online_fee_lines(version) -> list:
    term = catalog.channel_term(version, Channel.ONLINE)
    return list(term.fee_lines.all()) if term is not None else []


def _generic_copies(version) -> bool:
    # Without its own form a version asks the generic "số bản kết quả" (GENERIC_FIELDS): that
    # answer is the number of copies its fees count by, never asked a second time.
    return not version.form_fields


def quantity_fields(version) -> dict:
    """The questions the online fees need beyond the application form (số trang, số bản …)."""
    skip = {Quantity.COPIES} if _generic_copies(version) else set()
    return catalog_forms.quantity_fields(
        online_fee_lines(version), form_fields_shown=True, skip=skip
    )


def quantities_of(draft: Dossier) -> dict:
    """The quantities the fees count by, as answered in the draft."""
    found = dict(draft.form_data.get("quantities", {}))
    copies = draft.form_data.get("fields", {}).get("copies")
    if _generic_copies(draft.procedure_version) and copies is not None:
        found.setdefault(Quantity.COPIES, copies)
    return found


def fee_estimate(draft: Dossier) -> list:
    """What the online fees come to with the answers given so far (computed again on filing)."""
    return fees.estimate(
        online_fee_lines(draft.procedure_version),
        quantities_of(draft),
        draft.form_data.get("fields", {}),
    )


def drafts_of(user, version=None):
    qs = access.visible_to(user).filter(status=Status.DRAFT)
    if version is not None:
        qs = qs.filter(procedure_version=version)
    return qs.order_by("-updated_at")


def get_draft(user, draft_id: int) -> Dossier:
    """The person's own draft; Dossier.DoesNotExist for anyone else's or a filed dossier."""
    # Whether it has components (none, from the portal): the submission need not read them.
    return (
        services.noting_components(drafts_of(user))
        .select_related("procedure_version__procedure", "receiving_unit", "resolving_agency")
        .get(pk=draft_id)
    )


def resolving_choices(version):
    return catalog.executing_agencies(version).order_by("path")


def desk_choices():
    return Agency.objects.active_on(timezone.localdate()).with_desk().order_by("path")


def start(user, version, *, receiving_unit, resolving_agency) -> Dossier:
    return services.save_draft(
        actor=user,
        procedure_version=version,
        receiving_unit=receiving_unit,
        resolving_agency=resolving_agency,
        form_data={},
    )


def _save(user, draft: Dossier, *, expected_version, form_data=None, **changes) -> Dossier:
    values = {
        "procedure_version": draft.procedure_version,
        "receiving_unit": draft.receiving_unit,
        "resolving_agency": draft.resolving_agency,
        "delivery": draft.delivery,
        "delivery_address": draft.delivery_address,
        "summary": draft.summary,
        "form_data": draft.form_data | (form_data or {}),
    }
    # The draft was read by this request (``get_draft``): written only if still that version.
    return services.save_draft(
        actor=user,
        draft=draft,
        expected_version=expected_version,
        as_read=True,
        **(values | changes),
    )


def save_where(user, draft, data, *, expected_version):
    return _save(
        user,
        draft,
        expected_version=expected_version,
        receiving_unit=data["receiving_unit"],
        resolving_agency=data["resolving_agency"],
    )


def save_applicant(user, draft, data, *, expected_version):
    """Contact details and the answers as the one validator cleaned them (``ApplicantForm``),
    and, for an organisation's account, who files it (``representation``)."""
    contact = {key: data[key] for key in ("phone", "email", "address")}
    form_data = {
        "contact": contact,
        "fields": data[ANSWERS],
        "quantities": catalog_forms.asked(data),
    }
    if REPRESENTATION in data:
        form_data[representation.KEY] = _representation(user, draft, data[REPRESENTATION])
    return _save(user, draft, expected_version=expected_version, form_data=form_data)


def _representation(user, draft, cleaned: dict) -> dict:
    """The authorisation's new scan goes to the person's data store; the draft keeps its id."""
    upload = cleaned.get("authorisation_file")
    if upload:
        stored_id = uploads.store(upload, user=user, content_type=upload.checked_content_type).pk
    else:
        scan = representation.attached(user, draft)
        stored_id = scan.pk if scan is not None else None
    return representation.for_draft(cleaned, stored_id)


def remember_population(user, draft, *, lookup: int, source: str) -> Dossier:
    """The applicant's data of this draft came from the population register's look-up
    ``lookup`` (``form_data["population"]``; MaCSDL ``source`` on the filed dossier)."""
    return _save(
        user,
        draft,
        expected_version=draft.version,
        form_data={"population": {"lookup": lookup, "source": source}},
    )


# Where ApplicantForm leaves the cleaned answers, and who files for an organisation, in its
# cleaned data (no field name starts with an underscore).
ANSWERS = "_answers"
REPRESENTATION = "_representation"


def postal_choice(data) -> dict:
    """Who takes the result from the postman and their phone, kept as ``form_data["postal"]``
    for the desk's postal order (integrations.postal); empty unless the post was chosen."""
    if data["delivery"] != Delivery.POST:
        return {}
    found = {"recipient": data.get("postal_recipient", ""), "phone": data.get("postal_phone", "")}
    return {key: value.strip() for key, value in found.items() if value and value.strip()}


def save_delivery(user, draft, data, *, expected_version):
    return _save(
        user,
        draft,
        expected_version=expected_version,
        delivery=data["delivery"],
        delivery_address=data["delivery_address"],
        form_data={"postal": postal_choice(data)},
    )


def save_documents(user, draft, form, *, expected_version):
    """Keep what was given for each component, even when another component's upload failed."""
    attachments = dict(draft.form_data.get("attachments", {}))
    cleaned = getattr(form, "cleaned_data", {})
    for component in form.components:
        key = str(component.pk)
        if cleaned.get(f"remove_{key}"):
            attachments.pop(key, None)
        upload = cleaned.get(f"upload_{key}")
        pick = cleaned.get(f"pick_{key}")
        if upload:
            stored = uploads.store(upload, user=user, content_type=upload.checked_content_type)
            attachments[key] = {"file": stored.pk, "origin": FileOrigin.UPLOADED}
        elif pick and (item := form.picked_items.get(str(pick))) is not None:
            attachments[key] = {
                "file": item.pk,
                "origin": FileOrigin.DATA_STORE,
                "provenance": item.provenance,
            }
    return _save(
        user, draft, expected_version=expected_version, form_data={"attachments": attachments}
    )


def attached(user, draft) -> dict:
    """component id -> (StoredFile, origin, provenance) for the papers chosen so far that are
    still in the person's data store."""
    chosen = draft.form_data.get("attachments", {})
    mine = datastore.files_among(user, [value.get("file") for value in chosen.values()])
    result = {}
    for key, value in chosen.items():
        stored = mine.get(value.get("file"))
        if stored is not None:
            result[int(key)] = (stored, value.get("origin"), value.get("provenance", ""))
    return result


def _components(user, draft) -> list[ComponentInput]:
    chosen = attached(user, draft)
    inputs = []
    for component in draft.procedure_version.components.all():
        if component.pk not in chosen:
            continue
        stored, origin, _provenance = chosen[component.pk]
        inputs.append(
            ComponentInput(
                name=component.name,
                component=component,
                files=[stored],
                origin=origin if origin in FileOrigin.values else FileOrigin.UPLOADED,
                reused=origin == FileOrigin.DATA_STORE,
            )
        )
    return inputs


def applicant_of(user, draft) -> Applicant:
    contact = draft.form_data.get("contact", {})
    source = draft.form_data.get("population", {}).get("source", "")
    values = {k: v for k, v in contact.items() if v} | {"data_source": source}
    return representation.applicant_of(user, draft, Applicant.from_account(user, **values))


def _filed_form_data(draft: Dossier) -> dict:
    """What the dossier keeps of the draft's form data: the answers, and the postal recipient
    when the result goes by post."""
    data = {"fields": draft.form_data.get("fields", {})}
    postal = draft.form_data.get("postal")
    if draft.delivery == Delivery.POST and postal:
        data["postal"] = postal
    return data


def submit(user, draft, *, expected_version) -> Dossier:
    """File the draft online: it gets its code and goes to the desk's check."""
    # The components are read once, for the papers chosen and for the completeness check.
    catalog.prefetch_components(draft.procedure_version)
    return services.submit_online(
        actor=user,
        procedure_version=draft.procedure_version,
        receiving_unit=draft.receiving_unit,
        resolving_agency=draft.resolving_agency,
        components=_components(user, draft),
        delivery=draft.delivery,
        delivery_address=draft.delivery_address,
        summary=draft.summary,
        form_data=_filed_form_data(draft),
        fee_quantities=quantities_of(draft),
        applicant=applicant_of(user, draft),
        draft=draft,
        expected_version=expected_version,
        idempotency_key=f"submit-draft-{draft.pk}",
        as_read=True,
    )
