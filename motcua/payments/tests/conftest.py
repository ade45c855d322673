"""Dossiers owing fees, and helpers speaking the demo gateway's protocol as the bank would."""

from urllib.parse import parse_qsl, urlsplit

import pytest
import time_machine

from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests import conftest as dossier_fixtures
from motcua.dossiers.tests.conftest import vn
from motcua.payments.contrib.demo import bank
from motcua.payments.contrib.demo import protocol as p
from motcua.payments.registry import registry
from motcua.signatures.tests.fixtures import (  # noqa: F401 - signing keys and files in tmp
    _fresh_cache,
    _isolated_files,
)

from .treasury_fixtures import account_x, accountants  # noqa: F401 - the remittance personas

# The dossier tests' catalogue and walk-in receipt, shared rather than copied.
version = dossier_fixtures.version
applicant = dossier_fixtures.applicant
form_component = dossier_fixtures.form_component
walk_in = dossier_fixtures.walk_in

NOW = vn(2026, 3, 2, 14, 0)


@pytest.fixture
def signing_var_dir(tmp_path):
    """A demo CA of each test's own: these tests sign receipts under a clock frozen in March
    2026 and under today's, and a certificate made under one is not yet valid under the other
    (the signatures tests share one per session)."""
    return tmp_path / "var"


@pytest.fixture
def clock():
    """Frozen at 14:00 on Monday 2 March 2026 (Vietnam time); ``clock.shift(seconds)``."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def received(walk_in, clock):
    """A walk-in dossier of citizen A at commune X, its 50,000 đ receipt fee unpaid."""
    return walk_in(at=vn(2026, 3, 2, 9, 0))


@pytest.fixture
def awaiting(received, people):
    """The dossier above, in the financial-obligation pause for a further 100,000 đ."""
    dossier = dossier_services.assign(received, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    return dossier_services.request_payment(
        dossier,
        actor=people.specialist_x,
        lines=[{"name": "Lệ phí cấp giấy chứng nhận", "amount": 100000}],
        at=vn(2026, 3, 2, 13, 0),
    )


def request_params(txn, return_url="http://testserver/payments/return/demo/") -> dict:
    url = registry.get("demo").start_url(txn, return_url=return_url)
    return dict(parse_qsl(urlsplit(url).query))


def bank_pays(txn, *, approve=True):
    """The customer confirms at the demo bank: (ledger entry, signed result params)."""
    return bank.answer(bank.check_request(request_params(txn)), approve=approve)


def forged_result(txn, **changes) -> dict:
    """A correctly signed result with ``changes`` (as if the bank said so)."""
    params = {
        "mc_MerchantCode": "MOTCUA01",
        "mc_TxnRef": str(txn.pk),
        "mc_Amount": str(int(txn.amount)),
        "mc_CurrCode": "VND",
        "mc_ResponseCode": "00",
        "mc_TransactionNo": "26030299999999",
        "mc_BankCode": "DEMOBANK",
        "mc_PayDate": p.stamp(NOW),
    } | changes
    return p.signed(params)


# The national payment platform (dvcqg) and its demo twin.
PAYGOV_RETURN = "http://testserver/payments/return/dvcqg/"


def paygov_pay_url(txn) -> str:
    """Send ``txn``'s signed request to the demo platform; the payer's page it answers with."""
    return registry.get("dvcqg").start_url(txn, return_url=PAYGOV_RETURN)


def platform_decides(txn, *, approve=True, method="atm"):
    """The payer pays (or cancels) ``txn`` at the demo platform: its bill, with the callback
    task enqueued but not run."""
    from motcua.payments.contrib.dvcqg import platform
    from motcua.payments.contrib.dvcqg.models import PaygovBill

    paygov_pay_url(txn)
    bill = PaygovBill.objects.get(lookup_code=txn.lookup_code)
    return platform.decide(bill, approve=approve, method=method)


def paygov_result(txn, **changes) -> dict:
    """A result correctly signed with the platform's key, with ``changes``."""
    from motcua.payments import conf
    from motcua.payments.contrib.dvcqg import protocol as pp

    message = {
        "MaDoiTac": conf.paygov_partner(),
        "MaThamChieu": str(txn.pk),
        "MaTraCuuTT": txn.lookup_code,
        "MaGiaoDich": "TT2603020000000001",
        "SoTien": str(int(txn.amount)),
        "LoaiTien": "VND",
        "MaLoi": "00",
        "ThoiGianThanhToan": pp.stamp(NOW),
        "PhuongThuc": "atm",
    } | changes
    return pp.sign(message, conf.paygov_secret())
