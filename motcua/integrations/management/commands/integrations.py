"""``manage.py integrations drain|reconcile|status|catalogue``: the national portal sync and the
national procedure catalogue from scripts and the scheduler (docs/integrations.md)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from motcua.integrations.models import MessageState, PortalMessage
from motcua.integrations.portal import outbox
from motcua.integrations.portal.base import PortalError, PortalRejected
from motcua.integrations.portal.reconcile import reconcile


class Command(BaseCommand):
    help = (
        "Đồng bộ Cổng DVCQG: gửi ngay (drain), đối soát một ngày (reconcile), tình trạng (status)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("drain", help="Gửi ngay mọi thông điệp đến hạn.")
        rec = sub.add_parser("reconcile", help="Đối soát số hồ sơ một ngày với Cổng DVCQG.")
        rec.add_argument("--date", required=True, help="Ngày tiếp nhận, YYYY-MM-DD.")
        rec.add_argument("--unit", default="", help="Chỉ một đơn vị (mã định danh).")
        rec.add_argument(
            "--no-resend", action="store_true", help="Chỉ liệt kê chênh lệch, không gửi lại."
        )
        sub.add_parser("status", help="Số thông điệp chờ gửi, đã gửi, thư lỗi.")
        cat = sub.add_parser(
            "catalogue", help="Lấy danh mục TTHC từ CSDL quốc gia, so sánh, tạo bản nháp."
        )
        cat.add_argument(
            "--pull",
            action="store_true",
            help="Lấy và tạo bản nháp (không có: chỉ xem khác biệt, không ghi gì).",
        )
        scope = cat.add_mutually_exclusive_group()
        scope.add_argument("--all", action="store_true", help="Toàn bộ danh mục quốc gia.")
        scope.add_argument(
            "--since", default="", help="Thủ tục thay đổi từ ngày YYYY-MM-DD (mặc định: lần trước)."
        )
        scope.add_argument(
            "--code", action="append", default=[], help="Chỉ thủ tục mã này (lặp lại được)."
        )
        cat.add_argument("--user", default="", help="Tên tài khoản ghi là người thực hiện.")

    def handle(self, *args, action, **options):
        if action == "drain":
            sent = outbox.drain()
            waiting = PortalMessage.objects.filter(state=MessageState.PENDING).count()
            dead = PortalMessage.objects.filter(state=MessageState.DEAD).count()
            self.stdout.write(f"delivered {sent}; pending {waiting}; dead letters {dead}")
            return
        if action == "catalogue":
            from ._catalogue import run

            run(self, options)
            return
        if action == "status":
            counts = dict(
                PortalMessage.objects.values_list("state").annotate(n=Count("id")).order_by()
            )
            for state in MessageState:
                self.stdout.write(f"{state.value}: {counts.get(state.value, 0)}")
            return
        try:
            day = datetime.date.fromisoformat(options["date"])
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from error
        try:
            result = reconcile(day, unit_code=options["unit"], resend=not options["no_resend"])
        except (PortalError, PortalRejected) as error:
            raise CommandError(f"the national portal did not answer: {error}") from error
        self.stdout.write(f"reconciliation of {day}: unit, procedure, status, here, portal")
        for unit, procedure, status, here, there in result.rows():
            mark = "" if here == there else "  <- differs"
            self.stdout.write(f"{unit}\t{procedure}\t{status}\t{here}\t{there}{mark}")
        for difference in result.differences:
            self.stdout.write(
                f"difference {difference.code}: here {difference.local_status}, "
                f"portal {difference.portal_status} ({difference.reason})"
            )
        if result.resent:
            self.stdout.write(f"queued again: {len(result.resent)}")
        self.stdout.write("clean" if result.clean else f"{len(result.differences)} differences")
