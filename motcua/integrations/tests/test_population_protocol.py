"""The demo register's protocol, spoken by a foreign caller: credentials, schema, answers."""

import base64

import pytest

from motcua.integrations.models import DemoFailure, DemoRegisterSwitch
from motcua.integrations.population.contrib.demo import conf, protocol

URL = "/integrations/demo/population/" + protocol.LOOKUP_PATH
KNOWN = "068080001234"  # Nguyễn Văn An of the demo province


def basic(client_id="motcua", secret=None) -> dict:
    secret = conf.accepted_secret() if secret is None else secret
    token = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def body(**changes) -> dict:
    return {
        "MaYeuCau": "req-0000000001",
        "SoDinhDanh": KNOWN,
        "LyDo": "Tiếp nhận hồ sơ đăng ký khai sinh",
        "DongY": {"CoDongY": True, "HinhThuc": "at_desk"},
        "NguoiTraCuu": "motcua.x",
    } | changes


def post(client, payload, **headers):
    return client.post(URL, payload, content_type="application/json", **headers)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer abc"},
        {"HTTP_AUTHORIZATION": "Basic !!!not-base64"},
    ],
    ids=["none", "other scheme", "garbage"],
)
def test_without_credentials_the_register_answers_nothing(db, client, headers):
    response = post(client, body(), **headers)
    assert response.status_code == 401
    assert response.json() == {"KetQua": "CHUA_XAC_THUC"}
    assert "WWW-Authenticate" in response
    assert "CongDan" not in response.content.decode()


def test_a_wrong_secret_or_client_is_refused(db, client):
    assert post(client, body(), **basic(secret="guess")).status_code == 401
    assert post(client, body(), **basic(client_id="someone")).status_code == 401


def test_a_known_number_is_answered_with_the_citizen(db, client):
    response = post(client, body(), **basic())
    assert response.status_code == 200
    answer = response.json()
    assert answer["MaYeuCau"] == "req-0000000001"
    assert answer["KetQua"] == "TIM_THAY"
    assert answer["CongDan"]["HoVaTen"] == "Nguyễn Văn An"
    assert answer["CongDan"]["NgaySinh"] == "1980-05-17"
    assert answer["CongDan"]["GioiTinh"] == "NAM"
    assert answer["CongDan"]["NoiThuongTru"].startswith("12 Trần Phú")


def test_an_unknown_number_is_a_404_answer(db, client):
    response = post(client, body(SoDinhDanh="099999999999"), **basic())
    assert response.status_code == 404
    assert response.json() == {"MaYeuCau": "req-0000000001", "KetQua": "KHONG_TIM_THAY"}


@pytest.mark.parametrize(
    "payload",
    [
        body(SoDinhDanh="12345"),
        body(SoDinhDanh="06808000123X"),
        body(LyDo=""),
        body(DongY={"CoDongY": "yes", "HinhThuc": "at_desk"}),
        body(DongY={"CoDongY": True, "HinhThuc": "phone"}),
        body(Extra="x"),
        {k: v for k, v in body().items() if k != "NguoiTraCuu"},
        [],
    ],
    ids=["short", "letter", "no reason", "consent type", "method", "extra", "missing", "array"],
)
def test_a_request_off_the_schema_is_refused_with_400(db, client, payload):
    response = post(client, payload, **basic())
    assert response.status_code == 400
    answer = response.json()
    assert answer["KetQua"] == "YEU_CAU_KHONG_HOP_LE"
    assert answer["LoiChiTiet"]


def test_not_json_is_a_400(db, client):
    response = client.post(URL, b"{not json", content_type="application/json", **basic())
    assert response.status_code == 400


def test_without_consent_the_register_refuses(db, client):
    response = post(client, body(DongY={"CoDongY": False, "HinhThuc": "at_desk"}), **basic())
    assert response.status_code == 403
    assert response.json()["KetQua"] == "TU_CHOI"


def test_only_post(db, client):
    assert client.get(URL, **basic()).status_code == 405


@pytest.mark.parametrize("where", ["env", "admin"])
def test_the_failure_switch_makes_it_answer_500(db, client, monkeypatch, where):
    if where == "env":
        monkeypatch.setenv("DEMO_POPULATION_FAIL", "500")
    else:
        DemoRegisterSwitch.objects.create(failure=DemoFailure.ERROR)
    assert post(client, body(), **basic()).status_code == 500


def test_malformed_mode_answers_broken_json(db, client, monkeypatch):
    monkeypatch.setenv("DEMO_POPULATION_FAIL", "malformed")
    response = post(client, body(), **basic())
    with pytest.raises(ValueError):
        response.json()


def test_credentials_are_checked_before_the_failure_switch(db, client, monkeypatch):
    monkeypatch.setenv("DEMO_POPULATION_FAIL", "500")
    assert post(client, body()).status_code == 401
