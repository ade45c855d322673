"""``manage.py audit verify``: walk the hash chain and report its first broken link.
``manage.py audit export --from D --to D [--dossier CODE] [--user NAME] --format csv|xlsx``: the
trail for an inspector, to a file or standard output; the export is itself audited."""

from __future__ import annotations

import datetime
import getpass
import io

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F
from django.utils import timezone

from motcua.audit import chain, export, selectors, services
from motcua.audit.models import AuditEntry

PROBLEMS = {
    "unsealed": "dòng chưa được niêm phong vào chuỗi (trình kích hoạt đã bị tắt?)",
    "gap": "thiếu dòng trước (số thứ tự không liền)",
    "prev_hash": "mã băm dòng trước không khớp (dòng trước bị xóa hoặc thay)",
    "content": "nội dung đã bị sửa (mã băm nội dung không khớp)",
    "hash": "mã băm chuỗi không khớp",
}


def _day(text: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise CommandError(f"{option}: ngày không hợp lệ, hãy viết YYYY-MM-DD.") from None


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class Command(BaseCommand):
    help = "Kiểm tra chuỗi băm của nhật ký (verify) hoặc xuất nhật ký cho thanh tra (export)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="command", required=True)
        sub.add_parser("verify", help="Kiểm tra chuỗi băm; báo mắt xích hỏng đầu tiên.")
        out = sub.add_parser("export", help="Xuất nhật ký trong một khoảng ngày.")
        out.add_argument("--from", dest="start", required=True, help="Từ ngày (YYYY-MM-DD).")
        out.add_argument("--to", dest="end", required=True, help="Đến hết ngày (YYYY-MM-DD).")
        out.add_argument("--dossier", default="", help="Chỉ các dòng của một mã hồ sơ.")
        out.add_argument("--user", default="", help="Chỉ các việc của một tài khoản.")
        out.add_argument("--format", choices=export.FORMATS, default="csv")
        out.add_argument("--output", default="", help="Tệp ghi ra; mặc định đầu ra chuẩn (CSV).")

    def handle(self, *args, **options):
        if options["command"] == "verify":
            return self.verify()
        return self.export(options)

    def verify(self):
        entries = AuditEntry.objects.order_by(F("seq").asc(nulls_last=True), "id")
        verdict = chain.verify(entries.iterator(chunk_size=2000))
        if verdict.broken is not None:
            broken = verdict.broken
            raise CommandError(
                f"Chuỗi nhật ký HỎNG tại dòng id={broken.entry_id} (số thứ tự {broken.seq}): "
                f"{PROBLEMS[broken.problem]}. {verdict.checked} dòng trước đó nguyên vẹn."
            )
        start = f" từ số {verdict.first_seq}" if verdict.first_seq else ""
        self.stdout.write(
            f"Chuỗi nhật ký nguyên vẹn: {verdict.checked} dòng{start}; "
            f"mã băm cuối {verdict.last_hash or '(trống)'}."
        )

    def export(self, options):
        first, last = _day(options["start"], "--from"), _day(options["end"], "--to")
        if last < first:
            raise CommandError("--to phải không sớm hơn --from.")
        kind = options["format"]
        if kind == "xlsx" and not options["output"]:
            raise CommandError("Định dạng xlsx cần --output TỆP.")
        entries = selectors.between(
            _start_of(first),
            _start_of(last + datetime.timedelta(days=1)),
            dossier_code=options["dossier"],
            username=options["user"],
        ).iterator(chunk_size=2000)
        if options["output"]:
            if kind == "xlsx":
                with open(options["output"], "wb") as stream:
                    count = export.write_xlsx(entries, stream)
            else:
                with open(options["output"], "w", encoding="utf-8", newline="") as stream:
                    count = export.write_csv(entries, stream)
        else:
            text = io.StringIO()
            count = export.write_csv(entries, text)
            self.stdout.write(text.getvalue(), ending="")
        services.record_export(
            None,
            count=count,
            start=first.isoformat(),
            end=last.isoformat(),
            dossier_code=options["dossier"],
            username=options["user"],
            format=kind,
            via="manage.py audit export",
            os_user=getpass.getuser(),
        )
        self.stderr.write(f"Đã xuất {count} dòng nhật ký.")
