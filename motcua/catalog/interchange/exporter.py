"""Building the canonical form of stored versions (see schema.py) and the JSON of a catalogue."""

from __future__ import annotations

import base64
import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from ..constants import Channel, FileType
from ..files import read_form
from ..indexing import own_words
from ..models import (
    ChannelTerm,
    FormTemplate,
    InternalProcess,
    Procedure,
    ProcedureVersion,
    ProcessStep,
)
from .schema import FORMAT
from .synonyms import export_rows

CHANNEL_ORDER = list(Channel.values)


def versions_for_export(procedures: QuerySet[Procedure]) -> QuerySet[ProcedureVersion]:
    return (
        ProcedureVersion.objects.filter(procedure__in=procedures)
        .select_related("procedure", "field", "result_template")
        .prefetch_related(
            "agencies__agency",
            Prefetch("channels", queryset=ChannelTerm.objects.prefetch_related("fee_lines")),
            "components__form",
            "legal_basis",
            Prefetch(
                "processes",
                queryset=InternalProcess.objects.select_related("agency").prefetch_related(
                    Prefetch("steps", queryset=ProcessStep.objects.order_by("order"))
                ),
            ),
            "linked__procedure",
        )
        .order_by("procedure__code", "number")
    )


def _sha(form: FormTemplate | None) -> str | None:
    return form.sha256 if form is not None else None


def _code(agency) -> str | None:
    return agency.code if agency is not None else None


def version_spec(version: ProcedureVersion) -> dict:
    """The canonical content of a stored version (relations prefetched by the caller or not)."""
    channels = sorted(version.channels.all(), key=lambda c: CHANNEL_ORDER.index(c.channel))
    return {
        "number": version.number,
        "status": version.status,
        "name": version.name,
        "field": version.field.code,
        "level": version.level,
        "subjects": list(version.subjects),
        "sequence": version.sequence,
        "conditions": version.conditions,
        "result": {
            "name": version.result_name,
            "template": _sha(version.result_template),
            "is_document": version.result_is_document,
        },
        "online_level": version.online_level,
        "full_online_eligible": version.full_online_eligible,
        "cutoff_time": version.cutoff_time,
        "valid_from": version.valid_from,
        "valid_to": version.valid_to,
        "decision_number": version.decision_number,
        "decision_date": version.decision_date,
        "source_note": version.source_note,
        "form_fields": version.form_fields,
        "agencies": [
            {"role": a.role, "level": a.level, "agency": _code(a.agency), "name": a.name}
            for a in version.agencies.all()
        ],
        "channels": [
            {
                "channel": c.channel,
                "processing_time": {"amount": c.processing_amount, "unit": c.processing_unit},
                "same_day": c.same_day,
                "description": c.description,
                "fee_lines": [
                    {
                        "name": f.name,
                        "code": f.code,
                        "kind": f.kind,
                        "amount": f.amount,
                        "stage": f.stage,
                        "description": f.description,
                        "basis": f.basis,
                        "unit": f.unit,
                        "quantity_field": f.quantity_field,
                        "copies_field": f.copies_field,
                        "tier_from": f.tier_from,
                        "tier_amount": f.tier_amount,
                        "maximum": f.maximum,
                    }
                    for f in c.fee_lines.all()
                ],
            }
            for c in channels
        ],
        "components": [
            {
                "name": c.name,
                "code": c.code,
                "form": _sha(c.form),
                "originals": c.originals,
                "copies": c.copies,
                "requirement": c.requirement,
                "condition": c.condition,
                "source": c.source,
                "national_database": c.national_database,
                "vneid_exempt": c.vneid_exempt,
                "max_upload_mb": c.max_upload_mb,
                "accepted_types": [t for t in FileType.values if t in c.accepted_types],
            }
            for c in version.components.all()
        ],
        "legal_basis": [
            {
                "number": d.number,
                "title": d.title,
                "effective_from": d.effective_from,
                "effective_to": d.effective_to,
            }
            for d in version.legal_basis.all()
        ],
        "processes": [
            {
                "name": p.name,
                "agency": _code(p.agency),
                "channel": p.channel,
                "coordination": p.coordination,
                "lead_agency_name": p.lead_agency_name,
                "decision_number": p.decision_number,
                "steps": [
                    {
                        "stage": s.stage,
                        "name": s.name,
                        "unit": s.unit,
                        "role": s.role,
                        "agency_level": s.agency_level,
                        "agency_name": s.agency_name,
                        "quota": {"amount": s.quota_amount, "unit": s.quota_unit},
                        "output_kind": s.output_kind,
                        "output_name": s.output_name,
                    }
                    for s in p.steps.all()
                ],
            }
            for p in version.processes.all()
        ],
        "linked_procedures": [
            {"code": link.procedure.code, "note": link.note} for link in version.linked.all()
        ],
    }


def forms_used(specs: list[dict]) -> set[str]:
    shas = set()
    for spec in specs:
        shas.add(spec["result"]["template"])
        shas.update(c["form"] for c in spec["components"])
    shas.discard(None)
    return shas


def export_catalogue(procedures: QuerySet[Procedure], *, whole: bool = False) -> dict:
    """The JSON-ready document for ``procedures``: the fields and forms they use, each
    procedure with all its versions, and the citizens' words (``whole``: every synonym;
    otherwise those that apply to these versions), everything in a stable order."""
    by_code: dict[str, list[dict]] = {
        code: [] for code in procedures.values_list("code", flat=True)
    }
    field_names: dict[str, str] = {}
    own_texts = []
    for version in versions_for_export(procedures):
        by_code[version.procedure.code].append(version_spec(version))
        field_names[version.field.code] = version.field.name
        own_texts.append(own_words(version))
    specs = [spec for versions in by_code.values() for spec in versions]
    forms = FormTemplate.objects.filter(sha256__in=forms_used(specs)).order_by("sha256")
    document = {
        "format": FORMAT,
        "fields": [{"code": code, "name": field_names[code]} for code in sorted(field_names)],
        "forms": [_form(form) for form in forms],
        "procedures": [
            {"code": code, "versions": versions} for code, versions in sorted(by_code.items())
        ],
        "synonyms": export_rows(None if whole else own_texts),
    }
    return jsonable(document)


def _form(form: FormTemplate) -> dict:
    content = read_form(form)
    return {
        "sha256": form.sha256,
        "title": form.title,
        "filename": form.filename,
        "content_type": form.content_type,
        "content_base64": base64.b64encode(content).decode("ascii"),
    }


def jsonable(value: Any) -> Any:
    """Canonical Python values as JSON values: whole numbers as integers, other decimals as
    numbers with their digits, dates as YYYY-MM-DD and times as HH:MM."""
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
