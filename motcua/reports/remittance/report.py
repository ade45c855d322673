"""The figures of one unit's month, as the page, the PDF and the XLSX all show them: the same
rows from one function, so the three always agree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.payments import conf
from motcua.payments import ledger as ledgers
from motcua.payments.constants import Method
from motcua.payments.treasury import accounts_in_effect


@dataclass(frozen=True)
class Row:
    """One line of the summary: ``level`` 0 is a total, 1 a part of the line above it."""

    key: str
    label: str
    amount: Decimal
    level: int = 0


@dataclass
class MonthReport:
    unit: object
    month: ledgers.Month
    accounts: list
    signing_problem: str

    @property
    def period(self) -> str:
        return f"{self.month.month:%m/%Y}"

    @property
    def title(self) -> str:
        return _("Báo cáo thu, nộp phí, lệ phí vào ngân sách nhà nước tháng %(m)s") % {
            "m": self.period
        }

    def channels(self) -> list[tuple[str, str, Decimal]]:
        """Cash and every gateway offered, with nothing collected shown as 0, then any other
        gateway that collected in the month."""
        shown = dict.fromkeys([Method.CASH.value, *conf.gateways()])
        shown.update(dict.fromkeys(self.month.collected))
        zero = Decimal(0)
        return [(k, ledgers.channel_label(k), self.month.collected.get(k, zero)) for k in shown]

    def summary(self) -> list[Row]:
        m = self.month
        rows = [Row("opening", _("Số còn phải nộp đầu kỳ (chuyển từ tháng trước)"), m.opening)]
        rows.append(Row("collected", _("Số đã thu trong kỳ (được tính nộp)"), m.collected_total))
        for key, label, amount in self.channels():
            if key == Method.CASH:
                text = _("– Tiền mặt tại Bộ phận Một cửa")
            else:
                text = _("– Trực tuyến qua %(gateway)s (đã đối soát)") % {"gateway": label}
            rows.append(Row(f"collected:{key}", text, amount, level=1))
        rows.append(Row("remitted", _("Số đã nộp ngân sách trong kỳ"), m.remitted))
        rows.append(Row("closing", _("Số còn phải nộp cuối kỳ (chuyển sang tháng sau)"), m.closing))
        return rows

    def side_rows(self) -> list[Row]:
        """Money received but not counted, shown beside the balance."""
        m = self.month
        return [
            Row(
                "unreconciled",
                _("Thu trực tuyến trong tháng chưa đối soát (chưa tính nộp)"),
                m.unreconciled_total,
            ),
            Row(
                "refund_due",
                _("Tiền nhận cho khoản đã nộp, chờ hoàn trả người nộp (không nộp NSNN)"),
                m.refund_due_total,
            ),
        ]

    def balance_text(self) -> str:
        m = self.month
        return _("Cân đối: đầu kỳ %(o)s + thu %(c)s = đã nộp %(r)s + cuối kỳ %(e)s: %(ok)s") % {
            "o": _dong(m.opening),
            "c": _dong(m.collected_total),
            "r": _dong(m.remitted),
            "e": _dong(m.closing),
            "ok": _("đúng") if m.balanced else _("SAI"),
        }

    def remittance_rows(self) -> list[list]:
        return [
            [
                number,
                f"{r.remitted_on:%d/%m/%Y}",
                r.voucher_number,
                f"{r.account.account_number} – {r.account.treasury}",
                r.amount,
                r.recorded_by.get_full_name(),
            ]
            for number, r in enumerate(self.month.remittances, start=1)
        ]

    def sign_off_text(self) -> str:
        signed = self.month.sign_off
        if signed is None:
            return _("Chưa được kế toán ký xác nhận.")
        return _("Kế toán %(who)s đã ký xác nhận lúc %(when)s.") % {
            "who": signed.signed_by.get_full_name(),
            "when": f"{timezone.localtime(signed.signed_at):%H:%M %d/%m/%Y}",
        }


def _dong(value) -> str:
    return f"{int(value):,}".replace(",", ".")


def build(unit, month: datetime.date, *, today: datetime.date | None = None) -> MonthReport:
    book = ledgers.load(unit)
    month = ledgers.month_of(month)
    end = ledgers.month_end(month)
    accounts = list(accounts_in_effect(unit, month, until=end))
    problem = ledgers.signing_problem(book, month, today or timezone.localdate())
    return MonthReport(unit, book.month(month), accounts, problem)
