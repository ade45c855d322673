"""The demo portal serves the national procedure database over the DVCQG protocol, validating
every request; the client reads it through the plugin interface and refuses malformed answers."""

from __future__ import annotations

import datetime

import pytest

from motcua.integrations.http import session_for
from motcua.integrations.portal import conf, registry, schema
from motcua.integrations.portal.base import PortalAnswerInvalid, PortalError
from motcua.integrations.portal.demo import national
from motcua.integrations.portal.schema_catalogue import RECORD, answer_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal():
    return registry.get("dvcqg")


def _post(body: dict):
    session = session_for(conf.base_url())
    token = session.post(
        conf.base_url() + "token/",
        data={
            "grant_type": "client_credentials",
            "client_id": conf.DEMO_CLIENT_ID,
            "client_secret": conf.DEMO_CLIENT_SECRET,
        },
    ).json()["access_token"]
    return session.post(conf.base_url(), json=body, headers={"Authorization": f"Bearer {token}"})


def test_every_record_of_the_national_file_matches_the_schema():
    records = national.database()["ThuTuc"]
    assert len(records) >= 30
    for record in records:
        assert answer_errors("LayThuTuc", record) == [], record["MaTTHC"]
    codes = [r["MaTTHC"] for r in records]
    assert len(codes) == len(set(codes))
    assert RECORD["required"][:2] == ["MaTTHC", "TenTTHC"]


@pytest.mark.parametrize(
    "body, where",
    [
        ({"service": "LayDanhSachTTHC", "trang": 0}, "trang"),
        ({"service": "LayDanhSachTTHC", "soBanGhi": 1000}, "soBanGhi"),
        ({"service": "LayDanhSachTTHC", "tuNgay": "2026-11-01"}, "tuNgay"),
        ({"service": "LayDanhSachTTHC", "limit": 5}, "Additional properties"),
        ({"service": "LayThuTuc"}, "maTTHC"),
        ({"service": "LayThuTuc", "maTTHC": "1.4873"}, "maTTHC"),
        ({"service": "LayDanhMucCoQuan", "maCoQuanCha": 5}, "maCoQuanCha"),
    ],
)
def test_the_demo_portal_refuses_a_malformed_request(body, where):
    assert any(where in problem for problem in schema.errors(body["service"], body))
    answer = _post(body)
    assert answer.status_code == 400
    assert answer.json()["error_code"] == 2
    assert any(where in problem for problem in answer.json()["errors"])


def test_without_a_token_nothing_is_served():
    session = session_for(conf.base_url())
    answer = session.post(conf.base_url(), json={"service": "LayDanhMucLinhVuc"})
    assert answer.status_code == 401


def test_paging_and_changed_since(portal):
    first = portal.procedures(page=1, size=10)
    assert first.total == len(national.database()["ThuTuc"])
    assert len(first.items) == 10
    rest = [portal.procedures(page=p, size=10).items for p in range(2, 5)]
    codes = [i["MaTTHC"] for i in first.items] + [i["MaTTHC"] for page in rest for i in page]
    assert codes == sorted(codes) and len(set(codes)) == first.total
    changed = portal.procedures(changed_since=datetime.date(2026, 11, 1))
    assert sorted(i["MaTTHC"] for i in changed.items) == [
        "1.004194",
        "1.004837",
        "1.004873",
        "2.000815",
    ]
    assert portal.procedures(changed_since=datetime.date(2027, 1, 1)).total == 0


def test_one_procedure_in_full(portal):
    record = portal.procedure("1.004873")
    assert record["TenTTHC"] == "Cấp Giấy xác nhận tình trạng hôn nhân"
    assert {c["KenhThucHien"] for c in record["CachThucThucHien"]} == {1, 2, 3}
    assert record["CachThucThucHien"][0]["ThoiHanGiaiQuyet"] == {
        "SoLuong": 2,
        "DonViTinh": "NgayLamViec",
    }
    assert record["ThanhPhanHoSo"][0]["SoBanChinh"] == 1
    assert record["NgayHieuLuc"] == "20260115" and record["SoQuyetDinh"]
    assert portal.procedure("9.999999") is None


def test_agencies_and_fields(portal):
    fields = portal.fields()
    assert {"MaLinhVuc": "HT", "TenLinhVuc": "Hộ tịch"} in fields
    agencies = portal.agencies()
    assert any(a["TenCoQuan"] == "Bộ Tư pháp" for a in agencies)
    children = portal.agencies("000.00.00.H36")
    assert children and all(a["MaCoQuanCha"] == "000.00.00.H36" for a in children)


@pytest.mark.parametrize("mode, message", [("500", "HTTP 500"), ("malformed", "not JSON")])
def test_portal_failures_are_clear_errors(portal, monkeypatch, mode, message):
    monkeypatch.setenv("DEMO_DVCQG_FAIL", mode)
    with pytest.raises(PortalError, match=message):
        portal.procedures()


def test_timeout_is_an_error(portal, monkeypatch):
    monkeypatch.setenv("DEMO_DVCQG_FAIL", "timeout")
    monkeypatch.setenv("DEMO_DVCQG_DELAY", "0.3")
    monkeypatch.setenv("DVCQG_TIMEOUT", "0.1")
    with pytest.raises(PortalError, match="Timeout"):
        portal.procedure("1.004873")


def test_a_record_of_the_wrong_shape_is_refused(portal, national_file):
    del national_file.record("1.004873")["ThanhPhanHoSo"]
    national_file.record("1.001193")["CachThucThucHien"][0]["ThoiHanGiaiQuyet"]["DonViTinh"] = "x"
    national_file.save()
    with pytest.raises(PortalAnswerInvalid, match="ThanhPhanHoSo"):
        portal.procedure("1.004873")
    with pytest.raises(PortalAnswerInvalid, match="DonViTinh"):
        portal.procedure("1.001193")
