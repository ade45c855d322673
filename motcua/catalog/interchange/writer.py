"""Writing canonical version content (see schema.py) into the database. Used by the import, by
copy-to-draft and by the draft-editing service; callers hold the transaction and check status."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.agencies.models import Agency

from ..models import (
    ChannelTerm,
    Component,
    FeeLine,
    Field,
    FormTemplate,
    InternalProcess,
    LegalBasis,
    LinkedProcedure,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    VersionAgency,
)
from .schema import Reader

HEADER_FIELDS = [
    "name",
    "level",
    "subjects",
    "sequence",
    "conditions",
    "online_level",
    "full_online_eligible",
    "cutoff_time",
    "valid_from",
    "valid_to",
    "decision_number",
    "decision_date",
    "source_note",
    "form_fields",
]


class References:
    """Looks up what a file refers to by code: fields, forms (by SHA-256), agencies and
    procedures, remembering what it found. ``pending_procedures`` are codes the same file
    creates, so combined services may refer to procedures listed after them."""

    def __init__(self, *, pending_procedures: set[str] = frozenset()):
        self._fields: dict[str, Field] = {f.code: f for f in Field.objects.all()}
        self._forms: dict[str, FormTemplate] = {}
        self._agencies: dict[str, Agency | None] = {}
        self.pending_procedures = set(pending_procedures)

    def add_field(self, field: Field) -> None:
        self._fields[field.code] = field

    def add_form(self, form: FormTemplate) -> None:
        self._forms[form.sha256] = form

    def field(self, code: str) -> Field | None:
        return self._fields.get(code)

    def form(self, sha: str | None) -> FormTemplate | None:
        if sha is None:
            return None
        if sha not in self._forms:
            found = FormTemplate.objects.filter(sha256=sha).first()
            if found is not None:
                self._forms[sha] = found
        return self._forms.get(sha)

    def agency(self, code: str | None) -> Agency | None:
        if code is None:
            return None
        if code not in self._agencies:
            self._agencies[code] = Agency.objects.filter(code=code.upper()).first()
        return self._agencies[code]

    def procedure_exists(self, code: str) -> bool:
        return code in self.pending_procedures or Procedure.objects.filter(code=code).exists()

    def check(self, reader: Reader, spec: dict, path: str, *, header: bool = True) -> None:
        """Report every reference in ``spec`` that leads nowhere."""
        if header:
            if spec["field"] and self.field(spec["field"]) is None:
                reader.fail(
                    f"{path}.field",
                    _("không có lĩnh vực mã %(code)r (khai báo trong fields)")
                    % {"code": spec["field"]},
                )
            template = spec["result"]["template"]
            if template and self.form(template) is None:
                reader.fail(f"{path}.result.template", _("không có mẫu này trong forms"))
        for i, agency in enumerate(spec["agencies"]):
            if agency["agency"] and self.agency(agency["agency"]) is None:
                reader.fail(
                    f"{path}.agencies[{i}].agency",
                    _("không có cơ quan mã định danh %(code)r") % {"code": agency["agency"]},
                )
        for i, component in enumerate(spec["components"]):
            if component["form"] and self.form(component["form"]) is None:
                reader.fail(f"{path}.components[{i}].form", _("không có mẫu này trong forms"))
        for i, process in enumerate(spec["processes"]):
            if process["agency"] and self.agency(process["agency"]) is None:
                reader.fail(
                    f"{path}.processes[{i}].agency",
                    _("không có cơ quan mã định danh %(code)r") % {"code": process["agency"]},
                )
        for i, link in enumerate(spec["linked_procedures"]):
            if link["code"] and not self.procedure_exists(link["code"]):
                reader.fail(
                    f"{path}.linked_procedures[{i}].code",
                    _("không có thủ tục mã %(code)r") % {"code": link["code"]},
                )


def header_values(spec: dict, refs: References) -> dict:
    values = {name: spec[name] for name in HEADER_FIELDS}
    values["field"] = refs.field(spec["field"])
    values["result_name"] = spec["result"]["name"]
    values["result_template"] = refs.form(spec["result"]["template"])
    values["result_is_document"] = spec["result"]["is_document"]
    return values


def write_version(procedure: Procedure, spec: dict, refs: References) -> ProcedureVersion:
    version = ProcedureVersion(
        procedure=procedure,
        number=spec["number"],
        status=spec["status"],
        **header_values(spec, refs),
    )
    version.full_clean(exclude=["search_name", "search_text", "procedure", "field"])
    version.save()
    write_parts(version, spec, refs)
    return version


def delete_parts(version: ProcedureVersion) -> None:
    for related in (
        version.agencies,
        version.channels,
        version.components,
        version.legal_basis,
        version.processes,
        version.linked,
    ):
        related.all().delete()


def write_parts(version: ProcedureVersion, spec: dict, refs: References) -> None:
    """Create the child rows of ``version`` from canonical ``spec`` (the version has none)."""
    VersionAgency.objects.bulk_create(
        VersionAgency(
            version=version,
            order=i,
            role=a["role"],
            level=a["level"],
            agency=refs.agency(a["agency"]),
            name=a["name"],
        )
        for i, a in enumerate(spec["agencies"], start=1)
    )
    for c in spec["channels"]:
        term = ChannelTerm.objects.create(
            version=version,
            channel=c["channel"],
            processing_amount=c["processing_time"]["amount"],
            processing_unit=c["processing_time"]["unit"],
            same_day=c["same_day"],
            description=c["description"],
        )
        FeeLine.objects.bulk_create(
            FeeLine(term=term, order=i, **fee) for i, fee in enumerate(c["fee_lines"], start=1)
        )
    Component.objects.bulk_create(
        Component(version=version, order=i, **{**c, "form": refs.form(c["form"])})
        for i, c in enumerate(spec["components"], start=1)
    )
    LegalBasis.objects.bulk_create(
        LegalBasis(version=version, order=i, **doc)
        for i, doc in enumerate(spec["legal_basis"], start=1)
    )
    for p in spec["processes"]:
        process = InternalProcess.objects.create(
            version=version,
            name=p["name"],
            agency=refs.agency(p["agency"]),
            channel=p["channel"],
            coordination=p["coordination"],
            lead_agency_name=p["lead_agency_name"],
            decision_number=p["decision_number"],
        )
        ProcessStep.objects.bulk_create(
            ProcessStep(
                process=process,
                order=i,
                stage=s["stage"],
                name=s["name"],
                unit=s["unit"],
                role=s["role"],
                agency_level=s["agency_level"],
                agency_name=s["agency_name"],
                quota_amount=s["quota"]["amount"],
                quota_unit=s["quota"]["unit"],
                output_kind=s["output_kind"],
                output_name=s["output_name"],
            )
            for i, s in enumerate(p["steps"], start=1)
        )
    codes = [link["code"] for link in spec["linked_procedures"]]
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=codes)}
    LinkedProcedure.objects.bulk_create(
        LinkedProcedure(
            version=version, order=i, procedure=procedures[link["code"]], note=link["note"]
        )
        for i, link in enumerate(spec["linked_procedures"], start=1)
    )
