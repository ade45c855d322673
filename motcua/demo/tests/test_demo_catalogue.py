import json
import re

import pytest

from motcua.catalog import selectors, services
from motcua.catalog.constants import ProcedureLevel, VersionStatus
from motcua.catalog.models import FormTemplate, ProcedureVersion
from motcua.demo.catalogue import DATA_FILE, build_document, load_catalogue, render_text

pytestmark = pytest.mark.django_db


def pdf_title(content: bytes) -> str:
    """The document title from the PDF's Info dictionary: a literal string in UTF-16BE with a
    byte-order mark, non-ASCII bytes written as octal escapes."""
    raw = re.search(rb"/Title \((.*?)\) /Trapped", content, re.S).group(1)
    unescaped = re.sub(
        rb"\\([0-7]{3}|.)",
        lambda m: bytes([int(m.group(1), 8)]) if len(m.group(1)) == 3 else m.group(1),
        raw,
    )
    return unescaped.decode("utf-16")


def test_the_demo_catalogue_loads_once_and_then_changes_nothing():
    first = load_catalogue()
    forms = FormTemplate.objects.count()
    second = load_catalogue()

    assert first.created == first.procedures >= 25
    assert (second.created, second.unchanged, second.forms) == (0, first.procedures, 0)
    assert FormTemplate.objects.count() == forms


def test_every_demo_procedure_is_published_valid_and_noted():
    load_catalogue()
    versions = list(ProcedureVersion.objects.select_related("procedure"))
    assert {v.status for v in versions} == {VersionStatus.PUBLISHED}
    assert {v.level for v in versions} == {ProcedureLevel.COMMUNE, ProcedureLevel.PROVINCE}
    for version in versions:
        problems = services.validate_version(version)
        assert problems == [], (version.procedure.code, problems)
        assert version.source_note, version.procedure.code


def test_demo_forms_carry_their_vietnamese_title():
    load_catalogue()
    version = selectors.published_version_on("1.001193")
    form = version.components.get(order=1).form
    assert form.title == "Tờ khai đăng ký khai sinh"
    content = form.file.read()
    if form.content_type == "application/pdf":
        assert content.startswith(b"%PDF")
        assert pdf_title(content) == "Tờ khai đăng ký khai sinh"
    else:
        assert "TỜ KHAI ĐĂNG KÝ KHAI SINH".encode() in content


def test_the_demo_file_refers_only_to_forms_it_declares():
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    document = build_document(raw)
    shas = {form["sha256"] for form in document["forms"]}
    for procedure in document["procedures"]:
        for version in procedure["versions"]:
            for component in version["components"]:
                assert component.get("form") in shas | {None}


def test_text_forms_are_the_fallback_without_a_font():
    assert render_text("Tờ khai", ["Họ và tên:"]).decode().startswith("CỘNG HÒA")


def test_the_birth_residence_insurance_service_links_its_procedures():
    load_catalogue()
    combined = selectors.published_version_on("2.000986")
    assert [link.procedure.code for link in combined.linked.all()] == ["1.001193", "1.004222"]
    process = selectors.internal_process(combined)
    assert process.coordination == "parallel"
    assert [s.stage for s in process.steps.all()] == [1, 2, 3, 4, 4]
