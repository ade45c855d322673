import base64
import copy
import hashlib
import json

import pytest
from django.core.management import CommandError, call_command

from motcua.catalog import selectors, services
from motcua.catalog.constants import VersionStatus
from motcua.catalog.models import (
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
    SearchSynonym,
    VersionAgency,
    VersionEvent,
)
from motcua.catalog.tests import factories
from motcua.demo.catalogue import load_catalogue

pytestmark = pytest.mark.django_db

FORM_BYTES = "Tờ khai đăng ký khai sinh\n".encode()
FORM_SHA = hashlib.sha256(FORM_BYTES).hexdigest()


def flush_catalogue():
    for model in (
        VersionEvent,
        LinkedProcedure,
        ProcessStep,
        InternalProcess,
        FeeLine,
        ChannelTerm,
        Component,
        LegalBasis,
        VersionAgency,
        ProcedureVersion,
        Procedure,
        FormTemplate,
        Field,
        SearchSynonym,
    ):
        model.objects.all().delete()


def small_file(**version_changes):
    """A valid one-procedure file with one form."""
    version = {
        "number": 1,
        "status": "published",
        "name": "Đăng ký khai sinh",
        "field": "HT",
        "level": "commune",
        "subjects": ["citizen"],
        "sequence": "Nộp hồ sơ, nhận kết quả.",
        "result": {"name": "Giấy khai sinh"},
        "online_level": "full",
        "full_online_eligible": True,
        "cutoff_time": "15:00",
        "valid_from": "2025-07-01",
        "decision_number": "1/QĐ-UBND",
        "decision_date": "2025-06-20",
        **factories.parts(form=FORM_SHA),
    }
    version.update(version_changes)
    return {
        "format": "motcua.catalog/1",
        "fields": [{"code": "HT", "name": "Hộ tịch"}],
        "forms": [
            {
                "sha256": FORM_SHA,
                "title": "Tờ khai đăng ký khai sinh",
                "filename": "to-khai.txt",
                "content_type": "text/plain; charset=utf-8",
                "content_base64": base64.b64encode(FORM_BYTES).decode(),
            }
        ],
        "procedures": [{"code": "1.001193", "versions": [version]}],
    }


def problems(data):
    with pytest.raises(services.CatalogueFileError) as caught:
        services.import_catalogue(data)
    return caught.value.problems


def test_export_then_import_into_an_empty_catalogue_reproduces_it_exactly(people):
    load_catalogue()
    draft = services.copy_published_to_draft("1.001193", actor=people.manager)
    services.update_draft(draft, actor=people.manager, name="Đăng ký khai sinh (dự thảo)")
    first = json.dumps(services.export_catalogue(), ensure_ascii=False, indent=2)

    flush_catalogue()
    assert ProcedureVersion.objects.count() == 0
    services.import_catalogue(json.loads(first))
    second = json.dumps(services.export_catalogue(), ensure_ascii=False, indent=2)

    assert second == first
    assert ProcedureVersion.objects.filter(status=VersionStatus.DRAFT).count() == 1
    assert selectors.search("dang ky khai sinh")[0].name == "Đăng ký khai sinh"
    # The demo's citizens' words came back with the catalogue.
    assert SearchSynonym.objects.count() == len(json.loads(first)["synonyms"]) > 0
    assert selectors.search("xác nhận độc thân")[0].procedure.code == "1.004873"


def test_the_command_exports_one_procedure_and_imports_it_back(tmp_path, capsys):
    services.import_catalogue(small_file())
    target = tmp_path / "one.json"

    call_command("catalog", "export", str(target), "--procedure", "1.001193")
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert [p["code"] for p in exported["procedures"]] == ["1.001193"]
    assert exported["forms"][0]["sha256"] == FORM_SHA

    flush_catalogue()
    call_command("catalog", "import", str(target))
    assert "1 version(s) created" in capsys.readouterr().out
    version = selectors.published_version_on("1.001193")
    assert version.components.first().form.file.read() == FORM_BYTES


SYNONYMS = [
    {"phrase": "làm giấy khai sinh", "official": "đăng ký khai sinh", "note": ""},
    {"phrase": "sổ đỏ", "official": "giấy chứng nhận quyền sử dụng đất", "note": "Đất đai"},
]


def test_synonyms_go_out_and_come_back(people):
    factories.published("1.012753", name="Cấp Giấy chứng nhận quyền sử dụng đất lần đầu")
    services.import_catalogue(small_file() | {"synonyms": SYNONYMS})
    assert [v.procedure.code for v in selectors.search("làm giấy khai sinh")] == ["1.001193"]
    # A version already stored learns the citizens' words of a file that does not carry it.
    assert [v.procedure.code for v in selectors.search("sổ đỏ")] == ["1.012753"]
    whole = services.export_catalogue()
    assert [s["phrase"] for s in whole["synonyms"]] == ["làm giấy khai sinh", "sổ đỏ"]
    one = services.export_catalogue(["1.001193"])
    assert one["synonyms"] == [SYNONYMS[0]]

    flush_catalogue()
    services.import_catalogue(whole)
    assert services.export_catalogue() == whole


def test_importing_synonyms_twice_changes_nothing():
    services.import_catalogue(small_file() | {"synonyms": SYNONYMS})
    summary = services.import_catalogue(small_file() | {"synonyms": SYNONYMS})
    assert summary.synonyms == 0 and SearchSynonym.objects.count() == 2


def test_importing_the_same_file_twice_changes_nothing():
    services.import_catalogue(small_file())
    summary = services.import_catalogue(small_file())
    assert (summary.created, summary.unchanged, summary.forms) == (0, 1, 0)
    assert ProcedureVersion.objects.count() == 1 and FormTemplate.objects.count() == 1


def test_a_published_version_is_not_overwritten_by_an_import():
    services.import_catalogue(small_file())
    changed = small_file(name="Tên khác")
    assert problems(changed) == [
        (
            "procedures[0].versions[0]",
            "phiên bản 1 của thủ tục 1.001193 đã công bố trên hệ thống với nội dung khác; "
            "phiên bản đã công bố không được sửa, hãy dùng số phiên bản mới",
        )
    ]
    assert ProcedureVersion.objects.get().name == "Đăng ký khai sinh"


def test_component_upload_limits_go_out_and_come_back():
    data = small_file()
    components = data["procedures"][0]["versions"][0]["components"]
    # Any order in, canonical order (PDF, JPEG, PNG) stored and out.
    components[0].update(max_upload_mb=2, accepted_types=["image/png", "application/pdf"])
    services.import_catalogue(data)
    first, second = selectors.published_version_on("1.001193").components.all()
    assert (first.max_upload_mb, first.max_upload_bytes) == (2, 2 * 1024 * 1024)
    assert first.accepted_types == ["application/pdf", "image/png"]
    # Left out: the system's size limit and all three types.
    assert (second.max_upload_mb, second.max_upload_bytes) == (None, None)
    assert second.accepted_types == ["application/pdf", "image/jpeg", "image/png"]

    exported = services.export_catalogue()
    out = exported["procedures"][0]["versions"][0]["components"]
    assert (out[0]["max_upload_mb"], out[0]["accepted_types"]) == (
        2,
        ["application/pdf", "image/png"],
    )
    assert (out[1]["max_upload_mb"], out[1]["accepted_types"]) == (
        None,
        ["application/pdf", "image/jpeg", "image/png"],
    )
    text = json.dumps(exported, ensure_ascii=False, sort_keys=True)
    flush_catalogue()
    services.import_catalogue(json.loads(text))
    assert json.dumps(services.export_catalogue(), ensure_ascii=False, sort_keys=True) == text


def test_a_new_draft_copies_the_upload_limits(people):
    data = small_file()
    data["procedures"][0]["versions"][0]["components"][0].update(
        max_upload_mb=5, accepted_types=["application/pdf"]
    )
    services.import_catalogue(data)
    draft = services.copy_published_to_draft("1.001193", actor=people.manager)
    first = draft.components.order_by("order").first()
    assert (first.max_upload_mb, first.accepted_types) == (5, ["application/pdf"])


def test_a_published_version_keeps_its_upload_limits():
    services.import_catalogue(small_file())
    changed = small_file()
    changed["procedures"][0]["versions"][0]["components"][0]["max_upload_mb"] = 1
    assert [path for path, _m in problems(changed)] == ["procedures[0].versions[0]"]
    assert selectors.published_version_on("1.001193").components.first().max_upload_mb is None


def test_a_draft_is_replaced_by_an_import():
    services.import_catalogue(small_file(status="draft"))
    summary = services.import_catalogue(small_file(status="draft", name="Đăng ký khai sinh mới"))
    assert summary.replaced == 1
    assert ProcedureVersion.objects.get().name == "Đăng ký khai sinh mới"


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            lambda d: d["procedures"][0]["versions"][0]["channels"][1]["fee_lines"][0].update(
                amount=1500.5
            ),
            "procedures[0].versions[0].channels[1].fee_lines[0].amount",
            "phải là số đồng nguyên, không có phần lẻ",
        ),
        (
            lambda d: d["procedures"][0]["versions"][0]["channels"][0].update(channel="fax"),
            "procedures[0].versions[0].channels[0].channel",
            "giá trị 'fax' không hợp lệ",
        ),
        (
            lambda d: d["procedures"][0]["versions"][0].update(valid_from="01/07/2025"),
            "procedures[0].versions[0].valid_from",
            "phải là ngày dạng YYYY-MM-DD",
        ),
        (
            lambda d: d["procedures"][0]["versions"][0].update(cutoff_time="3pm"),
            "procedures[0].versions[0].cutoff_time",
            "phải là giờ dạng HH:MM",
        ),
        (
            lambda d: d["procedures"][0]["versions"][0]["processes"][0]["steps"][2].update(
                quota={"amount": -1, "unit": "working_hours"}
            ),
            "procedures[0].versions[0].processes[0].steps[2].quota.amount",
            "phải là số từ 0 đến",
        ),
        (
            lambda d: d["procedures"][0].update(code="khai-sinh"),
            "procedures[0].code",
            "không đúng dạng",
        ),
        (
            lambda d: d["forms"][0].update(content_base64=base64.b64encode(b"other").decode()),
            "forms[0].sha256",
            "không khớp với SHA-256",
        ),
        (
            lambda d: d["procedures"][0]["versions"][0].update(field="XX"),
            "procedures[0].versions[0].field",
            "không có lĩnh vực mã 'XX'",
        ),
        (
            lambda d: d["procedures"][0]["versions"][0]["agencies"][0].update(
                agency="000.00.99.H99"
            ),
            "procedures[0].versions[0].agencies[0].agency",
            "không có cơ quan mã định danh",
        ),
        (
            lambda d: d["procedures"][0]["versions"][0].update(
                linked_procedures=[{"code": "1.000001"}]
            ),
            "procedures[0].versions[0].linked_procedures[0].code",
            "không có thủ tục mã '1.000001'",
        ),
        (
            lambda d: d["procedures"][0]["versions"][0]["processes"][0]["steps"].pop(),
            "procedures[0].versions[0]",
            "tổng thời gian các bước là 7,5 giờ làm việc",
        ),
        (lambda d: d.update(format="other/9"), "format", "phải là 'motcua.catalog/1'"),
        (
            lambda d: d["procedures"][0]["versions"][0]["components"][1].update(max_upload_mb=0),
            "procedures[0].versions[0].components[1].max_upload_mb",
            "phải là số nguyên không nhỏ hơn 1",
        ),
        (
            lambda d: d["procedures"][0]["versions"][0]["components"][0].update(max_upload_mb=500),
            "procedures[0].versions[0].components[0].max_upload_mb",
            "phải là số MB từ 1 đến 100",
        ),
        (
            lambda d: d["procedures"][0]["versions"][0]["components"][1].update(
                accepted_types=["application/pdf", "image/gif"]
            ),
            "procedures[0].versions[0].components[1].accepted_types",
            "gồm các giá trị: application/pdf, image/jpeg, image/png",
        ),
        (
            lambda d: d["procedures"][0]["versions"][0]["components"][0].update(accepted_types=[]),
            "procedures[0].versions[0].components[0].accepted_types",
            "phải là danh sách không rỗng",
        ),
        (
            lambda d: d.update(synonyms=[{"phrase": " ", "official": "khai sinh"}]),
            "synonyms[0].phrase",
            "không được để trống",
        ),
        (
            lambda d: d.update(synonyms=[{"phrase": "Đăng kí", "official": "đăng ký"}]),
            "synonyms[0]",
            "trùng với cụm từ chính thức",
        ),
        (
            lambda d: d.update(synonyms=[SYNONYMS[1], {**SYNONYMS[1], "phrase": "SO DO"}]),
            "synonyms[1]",
            "đã có cho cùng cụm từ chính thức",
        ),
    ],
)
def test_a_bad_file_is_refused_with_the_path_of_the_fault(change, path, message):
    data = small_file()
    change(data)
    found = problems(data)
    assert any(p == path and message in m for p, m in found), found
    assert ProcedureVersion.objects.count() == 0 and Field.objects.count() == 0


def test_nothing_is_half_imported_when_a_later_procedure_is_bad():
    data = small_file()
    second = copy.deepcopy(data["procedures"][0])
    second["code"] = "1.000656"
    second["versions"][0]["processes"][0]["steps"][0]["quota"]["amount"] = 7
    data["procedures"].append(second)

    found = problems(data)

    assert [p for p, _m in found] == ["procedures[1].versions[0]", "procedures[1].versions[0]"]
    assert Procedure.objects.count() == 0 and FormTemplate.objects.count() == 0


def test_overlapping_published_versions_are_refused():
    data = small_file()
    later = copy.deepcopy(data["procedures"][0]["versions"][0])
    later.update(number=2, valid_from="2026-01-01")
    data["procedures"][0]["versions"].append(later)
    assert problems(data) == [
        (
            "procedures[0]",
            "phiên bản 1 và 2 cùng đang công khai và có thời gian hiệu lực chồng lên nhau",
        )
    ]
    data["procedures"][0]["versions"][0]["valid_to"] = "2025-12-31"
    assert services.import_catalogue(data).created == 2


def test_the_command_exits_with_status_2_on_bad_input(tmp_path):
    bad = tmp_path / "bad.json"
    data = small_file()
    data["procedures"][0]["versions"][0]["channels"][0]["fee_lines"][0]["amount"] = "nhiều"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("catalog", "import", str(bad))
    assert caught.value.returncode == 2
    assert "procedures[0].versions[0].channels[0].fee_lines[0].amount" in str(caught.value)

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "motcua.catalog/1",\n  "fields": [}', encoding="utf-8")
    with pytest.raises(CommandError, match="line 2") as caught:
        call_command("catalog", "import", str(broken))
    assert caught.value.returncode == 2

    with pytest.raises(CommandError) as caught:
        call_command("catalog", "export", str(tmp_path / "x.json"), "--procedure", "9.999999")
    assert caught.value.returncode == 2


def test_replace_draft_parts_reports_paths_too(people):
    version = factories.draft("1.001193")
    parts = factories.parts()
    parts["components"][0]["originals"] = "một"
    with pytest.raises(services.CatalogueFileError) as caught:
        services.replace_draft_parts(version, actor=people.manager, parts=parts)
    assert caught.value.problems == [
        ("components[0].originals", "phải là số nguyên không nhỏ hơn 0")
    ]
