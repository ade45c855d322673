"""The application form's answers: read as the applicant typed them, checked as a clerk would
(one validator, with the date rules declared in the catalogue), and the rules themselves read
by the catalogue importer with the path of every fault."""

import copy
import datetime

import pytest

from motcua.catalog import answers, validation
from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.catalog.answer_checks import AnswerErrors, clean_answers
from motcua.catalog.interchange.schema import CatalogueFileError
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.tests.conftest import BIRTH_ANSWERS, BIRTH_FIELDS, birth_catalogue

TODAY = datetime.date(2026, 3, 2)


def _specs():
    # As the importer canonicalises them (rules as lists).
    return [
        spec
        | {
            rule: [spec[rule]]
            for rule in ("not_before", "not_after")
            if isinstance(spec.get(rule), str)
        }
        for spec in BIRTH_FIELDS
    ]


def _check(values, **kwargs):
    options = {"today": TODAY, "applicant_birth_date": datetime.date(1980, 5, 17)} | kwargs
    return clean_answers(_specs(), values, **options)


def _errors(values, **kwargs) -> dict:
    with pytest.raises(AnswerErrors) as info:
        _check(values, **kwargs)
    return info.value.errors


# Reading -------------------------------------------------------------------------------------


def test_answers_read_as_typed_dates_choices_and_numbers_never_raw():
    shown = {
        a.label: a.text for a in answers.answers_of(_specs(), BIRTH_ANSWERS | {"so_ban": 1200})
    }
    assert shown["Ngày sinh của trẻ"] == "20/02/2026"
    assert shown["Ngày sinh của mẹ"] == "12/04/1986"
    assert shown["Giới tính"] == "Nam"
    assert shown["Số bản trích lục"] == "1.200"
    assert shown["Họ, chữ đệm, tên của trẻ"] == "Nguyễn Minh Khang"
    listed = answers.answers_of(_specs(), {"ho_ten_tre": "An"})
    assert [a.name for a in listed] == [f["name"] for f in BIRTH_FIELDS]  # the form's order
    assert [a.given for a in listed] == [True, False, False, False, False, False]


def test_a_value_that_fits_no_rule_is_still_shown_not_hidden():
    spec = {"name": "x", "label": "X", "kind": "date"}
    assert answers.text_of(spec, "2026-02-30") == "2026-02-30"
    choice = {
        "name": "c",
        "label": "C",
        "kind": "choice",
        "choices": [{"value": "a", "label": "A"}],
    }
    assert answers.text_of(choice, "z") == "z"


# Checking ------------------------------------------------------------------------------------


def test_good_answers_are_kept_as_json_values():
    typed = BIRTH_ANSWERS | {"ngay_sinh": "20/02/2026", "so_ban": "2", "ho_ten_me": "  Hà  "}
    kept = _check(typed)
    assert kept["ngay_sinh"] == "2026-02-20"  # dd/mm/yyyy as typed, ISO as kept
    assert kept["so_ban"] == 2
    assert kept["ho_ten_me"] == "Hà"


def test_a_birth_in_the_future_is_refused_with_a_clear_message():
    errors = _errors(BIRTH_ANSWERS | {"ngay_sinh": "2026-03-03"})
    assert errors == {
        "ngay_sinh": ["“Ngày sinh của trẻ” (03/03/2026) không được sau ngày hôm nay (02/03/2026)."]
    }
    assert _check(BIRTH_ANSWERS | {"ngay_sinh": "2026-03-02"})  # today itself is fine


def test_a_child_born_before_the_mother_or_the_applicant_is_refused():
    errors = _errors(BIRTH_ANSWERS | {"ngay_sinh": "1985-01-01", "ngay_sinh_me": "1986-04-12"})
    assert "không được trước “Ngày sinh của mẹ” (12/04/1986)" in errors["ngay_sinh"][0]
    errors = _errors(BIRTH_ANSWERS | {"ngay_sinh": "1979-01-01", "ngay_sinh_me": ""})
    assert errors["ngay_sinh"] == [
        "“Ngày sinh của trẻ” (01/01/1979) không được trước ngày sinh của người nộp hồ sơ "
        "(17/05/1980)."
    ]


def test_a_rule_whose_reference_is_blank_does_not_apply():
    early = BIRTH_ANSWERS | {"ngay_sinh": "1979-01-01", "ngay_sinh_me": ""}
    assert _check(early, applicant_birth_date=None)["ngay_sinh"] == "1979-01-01"


def test_every_problem_is_told_at_once():
    errors = _errors(
        {
            "ngay_sinh": "31/02/2026",
            "gioi_tinh": "khac",
            "so_ban": "9",
            "ngay_sinh_me": "2030-01-01",
        }
    )
    assert errors["ho_ten_tre"] == ["Chưa nhập “Họ, chữ đệm, tên của trẻ”."]
    assert "ngày có thật" in errors["ngay_sinh"][0]
    assert errors["gioi_tinh"] == ["“Giới tính”: hãy chọn một trong: Nam, Nữ."]
    assert errors["so_ban"] == ["“Số bản trích lục” phải từ 1 đến 5."]
    assert "không được sau ngày hôm nay" in errors["ngay_sinh_me"][0]


def test_without_complete_only_what_is_given_is_checked():
    assert _check({"ho_ten_tre": "An"}, complete=False) == {"ho_ten_tre": "An"}
    assert "ngay_sinh" in _errors({"ngay_sinh": "2027-01-01"}, complete=False)


def test_an_answer_the_form_does_not_have_is_refused():
    errors = _errors(BIRTH_ANSWERS | {"ghi_chu": "x"})
    assert errors["__all__"] == ["Tờ khai của thủ tục này không có mục: ghi_chu."]


# The catalogue --------------------------------------------------------------------------------


def _with_fields(fields):
    data = birth_catalogue()
    data["procedures"][0]["versions"][0]["form_fields"] = fields
    return data


def test_rules_and_the_vneid_flag_are_imported_and_exported_as_data(db):
    catalog_services.import_catalogue(birth_catalogue())
    version = catalog.published_version_on("9.000002", TODAY)
    by_name = {f["name"]: f for f in version.form_fields}
    assert by_name["ngay_sinh"]["not_after"] == ["today"]
    assert by_name["ngay_sinh"]["not_before"] == ["ngay_sinh_me", "applicant.birth_date"]
    assert "not_before" not in by_name["ho_ten_tre"]
    paper = version.components.get(name="Giấy tờ tùy thân của người yêu cầu")
    assert paper.vneid_exempt and not version.components.get(name="Tờ khai").vneid_exempt
    exported = catalog_services.export_catalogue(["9.000002"])["procedures"][0]["versions"][0]
    assert exported["form_fields"] == version.form_fields
    assert [c["vneid_exempt"] for c in exported["components"]] == [False, False, True]
    # Exported, imported again: unchanged.
    again = copy.deepcopy(birth_catalogue())
    again["procedures"][0]["versions"][0]["form_fields"] = exported["form_fields"]
    assert catalog_services.import_catalogue(again).unchanged == 1


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({0: {"not_after": "today"}}, "form_fields[0].not_after", "chỉ dùng cho trường kiểu date"),
        ({1: {"not_before": ["ngay_cuoi"]}}, "form_fields[1].not_before", "“ngay_cuoi” không phải"),
        (
            {1: {"not_before": "ho_ten_tre"}},
            "form_fields[1].not_before",
            "không phải một trường kiểu date",
        ),
        ({1: {"not_after": "ngay_sinh"}}, "form_fields[1].not_after", "chính trường này"),
        ({1: {"not_after": 5}}, "form_fields[1].not_after", "phải là “today”"),
        ({1: {"not_after": []}}, "form_fields[1].not_after", "phải là “today”"),
    ],
)
def test_bad_rules_are_refused_with_their_path(db, change, path, message):
    fields = copy.deepcopy(BIRTH_FIELDS)
    for index, values in change.items():
        fields[index].update(values)
    with pytest.raises(CatalogueFileError) as info:
        catalog_services.import_catalogue(_with_fields(fields))
    found = dict(info.value.problems)
    key = f"procedures[0].versions[0].{path}"
    assert key in found and message in found[key], info.value.problems
    assert catalog.published_version_on("9.000002", TODAY) is None


def test_a_draft_edited_in_the_administration_cannot_be_published_with_a_bad_rule(db):
    catalog_services.import_catalogue(birth_catalogue())
    version = catalog.published_version_on("9.000002", TODAY)
    assert validation.validate(version) == []
    bad = {"name": "ngay_cuoi", "label": "Ngày", "kind": "date", "not_before": ["ngay_khac"]}
    ProcedureVersion.objects.filter(pk=version.pk).update(form_fields=[*version.form_fields, bad])
    problems = validation.validate(version)
    assert problems == [
        "Tờ khai điện tử, form_fields[6].not_before: “ngay_khac” không phải một trường kiểu "
        "date của tờ khai này"
    ]


def test_a_vneid_verified_applicant_is_not_asked_for_the_exempt_component(db):
    catalog_services.import_catalogue(birth_catalogue())
    version = catalog.published_version_on("9.000002", TODAY)
    asked = [c.name for c in catalog.components_demanded(version, vneid_verified=False)]
    assert asked == ["Tờ khai", "Giấy tờ tùy thân của người yêu cầu"]
    asked = [c.name for c in catalog.components_demanded(version, vneid_verified=True)]
    assert asked == ["Tờ khai"]
    waived = catalog.components_waived(version, vneid_verified=True)
    assert [c.name for c in waived] == ["Giấy tờ tùy thân của người yêu cầu"]
    assert catalog.components_waived(version, vneid_verified=False) == []


@pytest.mark.parametrize(
    ("bounds", "value", "message"),
    [
        ({"min": 1, "max": 10}, "11", "“Số bản” phải từ 1 đến 10."),
        ({"min": 1}, "0", "“Số bản” phải ít nhất là 1."),
        ({"max": 10}, "11", "“Số bản” phải nhiều nhất là 10."),
    ],
)
def test_a_number_out_of_bounds_names_only_the_bounds_the_form_sets(bounds, value, message):
    spec = {"name": "so_ban", "label": "Số bản", "kind": "integer"} | bounds
    with pytest.raises(AnswerErrors) as info:
        clean_answers([spec], {"so_ban": value}, today=TODAY, applicant_birth_date=None)
    assert message in str(info.value.errors)
    assert "None" not in str(info.value.errors)
