"""Pulling the national catalogue: the diff against the local versions, drafts (never published)
carrying the national content and keeping what the province sets, idempotency, and failures
that leave nothing half-written."""

from __future__ import annotations

import datetime

import pytest

from motcua.audit.models import AuditEntry
from motcua.catalog import services as catalog
from motcua.catalog.constants import VersionStatus
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.integrations.catalogue import services
from motcua.integrations.models import CataloguePull, ItemOutcome, PullMode, PullOutcome

pytestmark = pytest.mark.django_db


def _by_code(report):
    return {item.code: item for item in report.items}


def _change(item, key):
    return next(c for c in item.changes if c.key == key)


def test_preview_diff_without_writing(province_catalogue, national_file):
    versions = ProcedureVersion.objects.count()
    report = services.preview(mode=PullMode.ALL)
    assert report.error == ""
    items = _by_code(report)
    assert {code: item.outcome for code, item in items.items()} == {
        "1.001193": ItemOutcome.UNCHANGED,
        "1.004194": ItemOutcome.CHANGED,
        "1.004837": ItemOutcome.NEW,
        "1.004873": ItemOutcome.CHANGED,
        "2.000815": ItemOutcome.CHANGED,
    }
    assert items["1.001193"].changes == []

    # A shorter deadline on every channel and one more legal document, shown before → after.
    marital = items["1.004873"]
    assert [c.key for c in marital.counted_changes] == ["channels", "legal_basis"]
    channels = _change(marital, "channels")
    assert channels.removed[0].startswith("Trực tiếp: 3 ngày làm việc")
    assert channels.added[0].startswith("Trực tiếp: 2 ngày làm việc")
    assert len(channels.added) == 3
    assert [line[:18] for line in _change(marital, "legal_basis").added] == ["DEMO-07/2026/NĐ-CP"]
    assert _change(marital, "valid_from").after == ["15/01/2026"]
    assert _change(marital, "valid_from").informative

    # Only the online deadline changed: one line out, one in.
    residence = _change(items["1.004194"], "channels")
    assert residence.removed == [line for line in residence.before if line.startswith("Trực tuyến")]
    assert residence.added == [
        "Trực tuyến: 2 ngày làm việc — Lệ phí đăng ký tạm trú (Lệ phí): 7.000 đ"
    ]

    new = items["1.004837"]
    assert new.base_version is None and _change(new, "name").after == ["Đăng ký giám hộ"]
    assert _change(new, "name").before == []

    assert ProcedureVersion.objects.count() == versions
    assert not CataloguePull.objects.exists()


def test_pull_creates_drafts_never_published(province_catalogue, national_file, officer):
    report = services.pull(actor=officer, mode=PullMode.ALL)
    row = report.pull
    row.refresh_from_db()
    assert (row.outcome, row.listed, row.new, row.changed, row.unchanged, row.drafts) == (
        PullOutcome.OK,
        5,
        1,
        3,
        1,
        4,
    )
    assert row.actor == officer and row.finished_at is not None
    drafts = ProcedureVersion.objects.filter(status=VersionStatus.DRAFT)
    assert sorted(d.procedure.code for d in drafts) == [
        "1.004194",
        "1.004837",
        "1.004873",
        "2.000815",
    ]
    assert not Procedure.objects.get(code="1.001193").versions.filter(number=2).exists()

    marital = ProcedureVersion.objects.get(procedure__code="1.004873", number=2)
    old = ProcedureVersion.objects.get(procedure__code="1.004873", number=1)
    assert old.status == VersionStatus.PUBLISHED and old.valid_to is None
    assert marital.status == VersionStatus.DRAFT
    assert marital.valid_from == datetime.date(2026, 1, 15)
    assert marital.decision_number == "DEMO-215/QĐ-BTP"
    assert {c.processing_amount for c in marital.channels.all()} == {2}
    assert marital.legal_basis.count() == old.legal_basis.count() + 1
    # What only the province sets stays: its internal process, form templates, the component
    # taken from the population database, the fee amount left to the People's Council.
    assert marital.processes.count() == old.processes.count() == 1
    assert [s.name for s in marital.processes.get().steps.all()] == [
        s.name for s in old.processes.get().steps.all()
    ]
    form = old.components.get(order=1).form
    assert form is not None and marital.components.get(order=1).form == form
    assert marital.components.get(order=3).source == "national_database"
    assert marital.result_template == old.result_template
    assert "CSDL quốc gia" in marital.source_note
    assert marital.events.get().kind == "imported"
    assert AuditEntry.objects.filter(verb="integrations.catalogue.draft").count() == 4
    assert AuditEntry.objects.filter(verb="integrations.catalogue.pull").count() == 1

    new = ProcedureVersion.objects.get(procedure__code="1.004837")
    assert (new.number, new.status, new.name) == (1, VersionStatus.DRAFT, "Đăng ký giám hộ")
    assert new.processes.count() == 0  # the officer adds the internal process
    # The existing flow refuses to publish the new draft until the province completes it.
    assert catalog.validate_version(new)


def test_pulling_twice_makes_no_second_draft(province_catalogue, national_file, officer):
    services.pull(actor=officer, mode=PullMode.ALL)
    count = ProcedureVersion.objects.count()
    second = services.pull(actor=officer, mode=PullMode.ALL)
    assert ProcedureVersion.objects.count() == count
    assert {item.outcome for item in second.items} == {ItemOutcome.UNCHANGED}
    # Even when the officer edits the draft (so it now differs from the national content) …
    draft = ProcedureVersion.objects.get(procedure__code="1.004873", number=2)
    catalog.update_draft(draft, actor=officer, name="Cấp Giấy xác nhận tình trạng hôn nhân (tỉnh)")
    third = _by_code(services.pull(actor=officer, mode=PullMode.ALL))
    assert third["1.004873"].outcome == ItemOutcome.ALREADY_DRAFTED
    assert ProcedureVersion.objects.count() == count
    assert third["1.004873"].draft is None


def test_a_later_national_change_makes_a_new_draft_with_its_effective_date(
    province_catalogue, national_file, officer
):
    services.pull(actor=officer, mode=PullMode.ALL)
    record = national_file.record("1.004873")
    record["ThanhPhanHoSo"].append(
        {
            "TenGiayTo": "Giấy tờ chứng minh nơi cư trú",
            "SoBanChinh": 0,
            "SoBanSao": 1,
            "BatBuoc": False,
            "TruongHop": "Người yêu cầu không thường trú tại xã",
        }
    )
    record.update(
        NgayHieuLuc="20270301", SoQuyetDinh="DEMO-88/QĐ-BTP", NgayCapNhat="20270210080000"
    )
    national_file.save()

    report = services.pull(actor=officer, mode=PullMode.CHANGED, since=datetime.date(2027, 2, 1))
    assert [(i.code, i.outcome) for i in report.items] == [("1.004873", ItemOutcome.CHANGED)]
    item = report.items[0]
    assert [c.key for c in item.counted_changes] == ["components"]
    assert _change(item, "components").added == [
        "Giấy tờ chứng minh nơi cư trú: 0 bản chính, 1 bản sao "
        "(trường hợp: Người yêu cầu không thường trú tại xã)"
    ]
    assert item.base_version.number == 2  # compared with the latest version, the earlier draft
    newest = ProcedureVersion.objects.get(procedure__code="1.004873", number=3)
    assert newest.status == VersionStatus.DRAFT
    assert newest.valid_from == datetime.date(2027, 3, 1)
    assert newest.components.count() == 4


def test_changed_since_the_last_complete_pull(province_catalogue, national_file, officer):
    first = services.pull(actor=officer)  # no earlier pull: the whole list
    assert first.mode == PullMode.ALL and len(first.items) == 5
    CataloguePull.objects.filter(pk=first.pull.pk).update(
        started_at=datetime.datetime(2026, 11, 19, 8, 0, tzinfo=datetime.UTC)
    )
    second = services.pull(actor=officer)
    assert (second.mode, second.since) == (PullMode.CHANGED, datetime.date(2026, 11, 19))
    assert [i.code for i in second.items] == ["1.004837", "1.004873", "2.000815"]
    assert {i.outcome for i in second.items} == {ItemOutcome.UNCHANGED}


def test_portal_down_records_the_failure_and_writes_nothing(
    province_catalogue, national_file, officer, monkeypatch
):
    monkeypatch.setenv("DEMO_DVCQG_FAIL", "500")
    versions = ProcedureVersion.objects.count()
    report = services.pull(actor=officer, mode=PullMode.ALL)
    row = CataloguePull.objects.get()
    assert row.outcome == PullOutcome.FAILED and "HTTP 500" in row.error
    assert "Không lấy được danh sách thủ tục" in row.error
    assert report.items == [] and ProcedureVersion.objects.count() == versions
    # A failed pull is not the mark "changed since" counts from.
    assert services.last_success() is None


def test_portal_stopping_midway_keeps_whole_procedures_only(
    province_catalogue, national_file, officer, monkeypatch
):
    portal = services.portal()
    real = portal.procedure
    calls = []

    def flaky(code):
        calls.append(code)
        if len(calls) == 3:
            from motcua.integrations.portal.base import PortalError

            raise PortalError("ReadTimeout: demo")
        return real(code)

    monkeypatch.setattr(portal, "procedure", flaky)
    report = services.pull(actor=officer, mode=PullMode.ALL)
    row = report.pull
    assert row.outcome == PullOutcome.FAILED and "1.004837" in row.error
    assert [i.code for i in report.items] == ["1.001193", "1.004194"]
    assert row.items.count() == 2
    # The draft made before the failure is whole: header, channels, components, process.
    draft = ProcedureVersion.objects.get(procedure__code="1.004194", number=2)
    assert draft.channels.count() == 2 and draft.components.count() and draft.processes.count()
    assert not Procedure.objects.filter(code="1.004837").exists()


def test_a_malformed_record_fails_alone(province_catalogue, national_file, officer):
    national_file.record("1.004873")["CachThucThucHien"] = []
    national_file.save()
    report = services.pull(actor=officer, mode=PullMode.ALL)
    items = _by_code(report)
    assert items["1.004873"].outcome == ItemOutcome.FAILED
    assert "sai cấu trúc" in items["1.004873"].error
    assert report.pull.outcome == PullOutcome.PARTIAL and report.pull.failed == 1
    assert not ProcedureVersion.objects.filter(procedure__code="1.004873", number=2).exists()
    assert items["1.004837"].draft is not None


def test_content_the_catalogue_refuses_rolls_back_that_procedure(
    province_catalogue, national_file, officer
):
    # Valid for the national schema, refused by the catalogue: a deadline in thousandths of a day.
    national_file.record("1.004837")["CachThucThucHien"][0]["ThoiHanGiaiQuyet"]["SoLuong"] = 2.125
    national_file.save()
    report = services.pull(actor=officer, mode=PullMode.ALL)
    item = _by_code(report)["1.004837"]
    assert item.outcome == ItemOutcome.FAILED
    assert "channels[0].processing_time.amount" in item.error
    assert "không ghi được thành bản nháp" in item.error
    assert not Procedure.objects.filter(code="1.004837").exists()
    assert report.pull.drafts == 3


def test_codes_mode_and_an_unknown_code(province_catalogue, national_file, officer):
    report = services.pull(actor=officer, mode=PullMode.CODES, codes=["1.004837", "9.999999"])
    items = _by_code(report)
    assert items["1.004837"].outcome == ItemOutcome.NEW
    assert items["9.999999"].outcome == ItemOutcome.FAILED
    assert "Không có thủ tục mã 9.999999" in items["9.999999"].error


def test_the_command_previews_then_pulls(province_catalogue, national_file, officer):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("integrations", "catalogue", "--all", stdout=out)
    text = out.getvalue()
    assert "1.004873\tchanged" in text and "- Trực tiếp: 3 ngày làm việc" in text
    assert "preview only" in text and not CataloguePull.objects.exists()

    out = StringIO()
    call_command("integrations", "catalogue", "--pull", "--all", "--user", "danhmuc", stdout=out)
    assert "drafts created: 4" in out.getvalue()
    assert CataloguePull.objects.get().actor == officer

    out = StringIO()
    call_command("integrations", "catalogue", "--pull", "--code", "1.004873", stdout=out)
    assert "1.004873\tunchanged" in out.getvalue()

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("integrations", "catalogue", "--since", "21/11/2026")


def test_the_command_fails_clearly_when_the_portal_is_down(national_file, monkeypatch):
    from django.core.management import CommandError, call_command

    monkeypatch.setenv("DEMO_DVCQG_FAIL", "malformed")
    with pytest.raises(CommandError, match=r"Không lấy được danh sách thủ tục.*not JSON"):
        call_command("integrations", "catalogue", "--pull", "--all")
    assert CataloguePull.objects.get().outcome == PullOutcome.FAILED


def test_the_officer_publishes_the_draft_through_the_usual_flow(
    province_catalogue, national_file, officer
):
    services.pull(actor=officer, mode=PullMode.ALL)
    draft = ProcedureVersion.objects.get(procedure__code="2.000815", number=2)
    old = ProcedureVersion.objects.get(procedure__code="2.000815", number=1)
    assert draft.conditions.startswith("Không chứng thực bản sao")
    assert catalog.validate_version(draft) == []
    catalog.publish_version(draft, actor=officer, decision_number="DEMO-77/QĐ-UBND")
    draft.refresh_from_db()
    old.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert draft.valid_from == datetime.date(2027, 1, 1)
    assert old.valid_to == datetime.date(2026, 12, 31)
    # The national content is now the province's: nothing more to draft for it.
    again = _by_code(services.pull(actor=officer, mode=PullMode.CODES, codes=["2.000815"]))
    assert again["2.000815"].outcome == ItemOutcome.UNCHANGED


def test_bad_codes_are_refused_before_asking_the_portal():
    assert services.code_problems(["1.004873", "1.000948.H38"]) == []
    assert services.code_problems(["1.4873", "abc"]) == [
        "Mã thủ tục “1.4873” không đúng dạng 1.004873 hoặc 1.000948.H38.",
        "Mã thủ tục “abc” không đúng dạng 1.004873 hoặc 1.000948.H38.",
    ]


def test_create_draft_from_content_checks_like_an_import(province_catalogue, officer):
    from motcua.catalog.selectors import latest_version_content

    version, content = latest_version_content("1.001193")
    content = {k: v for k, v in content.items() if k not in ("number", "status")}
    content["components"][0]["form"] = "0" * 64
    count = ProcedureVersion.objects.count()
    with pytest.raises(catalog.CatalogueFileError, match=r"components\[0\]\.form"):
        catalog.create_draft_from_content("1.001193", content, actor=officer)
    assert ProcedureVersion.objects.count() == count
    content["components"][0]["form"] = None
    draft = catalog.create_draft_from_content("1.001193", content, actor=officer, note="thử")
    assert (draft.number, draft.status) == (version.number + 1, VersionStatus.DRAFT)
    assert draft.events.get().note == "thử"
