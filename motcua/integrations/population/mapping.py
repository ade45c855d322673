"""What a register answer fills in a procedure's application form (tờ khai).

A field definition (``ProcedureVersion.form_fields``) may say where it is filled from with
``"prefill": "population.<attribute>"`` (attributes of ``base.Person``: full_name, birth_date,
sex, permanent_residence, place_of_origin, ethnicity, id_number). Without it, well-known field
names are matched (``DEFAULT_FIELDS``); a deployment may replace that table with the setting
``POPULATION_FORM_FIELDS`` (attribute -> list of field names). Only fields about the applicant
belong here: ``ngay_sinh`` of a birth registration is the child's, so it is not listed."""

from __future__ import annotations

from django.conf import settings

from motcua.catalog.answers import day_text

from .base import Person
from .constants import SEXES

PREFILL_PREFIX = "population."

DEFAULT_FIELDS: dict[str, list[str]] = {
    "full_name": ["ho_ten_nguoi_yeu_cau", "ho_ten_nguoi_de_nghi", "ho_ten_nguoi_khai"],
    "birth_date": ["ngay_sinh_nguoi_yeu_cau", "ngay_sinh_nguoi_de_nghi", "ngay_sinh_nguoi_khai"],
    "sex": ["gioi_tinh_nguoi_yeu_cau", "gioi_tinh_nguoi_de_nghi", "gioi_tinh_nguoi_khai"],
    "id_number": ["so_dinh_danh_nguoi_yeu_cau", "so_dinh_danh_ca_nhan"],
    "permanent_residence": ["noi_thuong_tru", "dia_chi_thuong_tru", "noi_cu_tru"],
    "place_of_origin": ["que_quan"],
    "ethnicity": ["dan_toc"],
}


def _table() -> dict[str, list[str]]:
    return getattr(settings, "POPULATION_FORM_FIELDS", None) or DEFAULT_FIELDS


def attribute_for(spec: dict) -> str:
    """The ``Person`` attribute filling the field ``spec``, or ""."""
    declared = spec.get("prefill", "")
    if declared.startswith(PREFILL_PREFIX):
        return declared[len(PREFILL_PREFIX) :]
    for attribute, names in _table().items():
        if spec["name"] in names:
            return attribute
    return ""


def _value(spec: dict, value):
    kind = spec.get("kind", "text")
    if kind == "date":
        return day_text(value) if value else ""
    if kind == "choice":
        # A sex is matched to the choice whose value or label says the same.
        wanted = {str(value).lower()}
        if value in SEXES:
            wanted.add(str(SEXES[value]).lower())
        for choice in spec.get("choices", []):
            if str(choice["value"]).lower() in wanted or str(choice["label"]).lower() in wanted:
                return choice["value"]
        return ""
    return "" if value is None else str(value)


def form_values(person: Person, specs, prefix: str = "") -> dict[str, str]:
    """``prefix + name`` -> the value to show, for each field of ``specs`` the answer fills."""
    values = {}
    for spec in specs:
        attribute = attribute_for(spec)
        if not attribute:
            continue
        value = _value(spec, getattr(person, attribute, ""))
        if value:
            values[prefix + spec["name"]] = value
    return values
