"""python manage.py reconcile_payments --date 2026-03-02 [--gateway demo] [--apply]"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.payments import conf, reconciliation, services
from motcua.payments.registry import registry


def _money(value) -> str:
    return f"{int(value):,}".replace(",", ".") + " đ"


class Command(BaseCommand):
    help = "Đối soát giao dịch đã ghi nhận với báo cáo của cổng thanh toán trong một ngày."

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="Ngày đối soát, YYYY-MM-DD (giờ VN).")
        parser.add_argument("--gateway", default=None, help="Mã cổng (mặc định: PAYMENT_GATEWAY).")
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Ghi nhận các giao dịch cổng báo thành công mà hệ thống chưa nhận được thông báo.",
        )

    def handle(self, *args, **options):
        try:
            day = datetime.date.fromisoformat(options["date"])
        except ValueError as error:
            raise CommandError(f"--date: {error}") from error
        gateway = options["gateway"] or conf.gateway()
        if gateway not in registry:
            raise CommandError(f"Unknown gateway {gateway!r}")
        expired = services.expire_transactions(timezone.now())
        try:
            found = reconciliation.reconcile(gateway, day, apply=options["apply"])
        except ValidationError as error:  # the gateway could not be asked
            raise CommandError(" ".join(error.messages)) from error
        out = self.stdout
        out.write(
            _("Đối soát cổng %(gateway)s ngày %(day)s")
            % {"gateway": gateway, "day": day.isoformat()}
        )
        out.write(_("Khớp: %(n)d") % {"n": len(found.matched)})
        for line in found.missing_here:
            out.write(
                _("CHỈ CÓ Ở CỔNG: đơn %(order)s mã GD %(ref)s %(amount)s lúc %(time)s")
                % {
                    "order": line.order_reference,
                    "ref": line.gateway_reference,
                    "amount": _money(line.amount),
                    "time": f"{line.paid_at:%H:%M:%S}",
                }
            )
        for txn in found.missing_at_gateway:
            out.write(
                _("CHỈ CÓ Ở HỆ THỐNG: giao dịch %(pk)s hồ sơ %(code)s mã GD %(ref)s %(amount)s")
                % {
                    "pk": txn.pk,
                    "code": txn.dossier.code,
                    "ref": txn.gateway_reference or "-",
                    "amount": _money(txn.amount),
                }
            )
        for txn, line in found.amount_mismatch:
            out.write(
                _("LỆCH: giao dịch %(pk)s %(ours)s / cổng đơn %(order)s %(theirs)s mã GD %(ref)s")
                % {
                    "pk": txn.pk,
                    "ours": _money(txn.amount),
                    "order": line.order_reference,
                    "theirs": _money(line.amount),
                    "ref": line.gateway_reference,
                }
            )
        for line, outcome in found.applied:
            out.write(
                _("ĐÃ GHI NHẬN BỔ SUNG: đơn %(order)s → %(outcome)s")
                % {"order": line.order_reference, "outcome": outcome}
            )
        out.write(_("Chênh lệch: %(n)d") % {"n": found.differences})
        if expired:
            out.write(_("Giao dịch hết hạn được đóng: %(n)d") % {"n": expired})
