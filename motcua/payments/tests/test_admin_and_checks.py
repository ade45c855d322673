"""The administrator's pages for collecting accounts and the demo platform's switch, the
receipt symbol rule, and the deployment checks of the offered gateways."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from motcua.accounts.tests.factories import make_officer
from motcua.payments import checks, conf
from motcua.payments.contrib.dvcqg import platform
from motcua.payments.contrib.dvcqg.models import PaygovSwitch
from motcua.payments.settings_models import validate_symbol_template


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_officer("Quản trị", is_superuser=True))
    return client


def test_the_admin_keeps_accounts_and_flips_the_demo_platform(admin_client, tree):
    for name in ("collectingaccount", "paygovbill", "receiptseries", "paygovswitch"):
        assert admin_client.get(reverse(f"admin:payments_{name}_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:payments_collectingaccount_add")).status_code == 200
    response = admin_client.post(
        reverse("admin:payments_paygovswitch_add"), {"failure": "malformed"}
    )
    assert response.status_code == 302 and platform.current_failure() == "malformed"
    assert admin_client.get(reverse("admin:payments_paygovswitch_add")).status_code == 403


def test_the_environment_wins_over_the_switch(db, monkeypatch):
    PaygovSwitch.objects.create(failure="500")
    monkeypatch.setenv("DEMO_PAYGOV_FAIL", "timeout")
    assert platform.current_failure() == "timeout"
    monkeypatch.setenv("DEMO_PAYGOV_FAIL", "nonsense")  # ignored
    assert platform.current_failure() == "500"


@pytest.mark.parametrize("symbol", ["AA-26E", "AA-{y}E", "AA-{yy}{x}"])
def test_a_receipt_symbol_must_carry_the_year(symbol):
    with pytest.raises(ValidationError):
        validate_symbol_template(symbol)
    validate_symbol_template("AB-{yy}E")


def test_deploy_checks_name_each_missing_secret_and_unknown_gateway(monkeypatch):
    monkeypatch.setattr(conf, "_insecure_defaults_allowed", lambda: False)
    monkeypatch.delenv("PAYGOV_SECRET", raising=False)
    monkeypatch.delenv("PAYMENT_DEMO_SECRET", raising=False)
    monkeypatch.setenv("PAYMENT_GATEWAYS", "dvcqg,vnpay")
    assert {error.id for error in checks.demo_secret_configured()} == {
        "payments.E002",
        "payments.E003",
    }
    monkeypatch.setenv("PAYGOV_SECRET", "issued-by-the-platform")
    monkeypatch.setenv("PAYMENT_GATEWAYS", "dvcqg")
    assert checks.demo_secret_configured() == []


def test_the_old_single_gateway_variable_still_works(monkeypatch):
    monkeypatch.delenv("PAYMENT_GATEWAYS", raising=False)
    monkeypatch.setenv("PAYMENT_GATEWAY", "dvcqg")
    assert conf.gateways() == ["dvcqg"] and conf.gateway() == "dvcqg"
    monkeypatch.delenv("PAYMENT_GATEWAY")
    assert conf.gateways() == ["demo", "dvcqg"]
