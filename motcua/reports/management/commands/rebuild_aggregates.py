"""``manage.py rebuild_aggregates [--check | --missing]``: recompute the statistics' aggregates
from the dossiers (after a data fix in the admin, or a change of a past working calendar); with
``--missing`` only add the dossiers not counted yet (after a bulk import); with ``--check`` only
compare what is stored with a recomputation (exit 1 when they differ); ``--workers N`` computes
a full rebuild in N processes (PostgreSQL)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ...aggregates import bulk, store


class Command(BaseCommand):
    help = "Recompute the aggregates of the statistics from the dossiers, or --check them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Chỉ so sánh số liệu tổng hợp với kết quả tính lại; mã thoát 1 nếu khác.",
        )
        parser.add_argument(
            "--missing",
            action="store_true",
            help=(
                "Chỉ thêm số liệu của các hồ sơ chưa được tính (sau khi nhập dữ liệu hàng loạt); "
                "mỗi lô một giao dịch, chạy lại được."
            ),
        )
        parser.add_argument("--chunk-size", type=int, default=2000)
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help=(
                "Số tiến trình tính lại song song (chỉ với PostgreSQL), mỗi tiến trình một dải "
                "mã hồ sơ; mặc định 1."
            ),
        )

    def handle(
        self,
        *args,
        check=False,
        missing=False,
        chunk_size=2000,
        workers=1,
        verbosity=1,
        **options,
    ):
        if workers < 1:
            raise CommandError("--workers phải từ 1 trở lên.")
        if workers > 1 and (check or missing):
            raise CommandError("--workers chỉ dùng khi tính lại toàn bộ.")
        if workers > 1 and connection.vendor != "postgresql":
            raise CommandError("Tính lại song song (--workers) chỉ hỗ trợ PostgreSQL.")
        started = time.perf_counter()
        if missing:
            added = store.add_missing(
                chunk_size=chunk_size,
                progress=(lambda n: self.stdout.write(f"  {n} hồ sơ…")) if verbosity > 1 else None,
            )
            self.stdout.write(
                f"Đã thêm số liệu của {added} hồ sơ chưa được tính "
                f"({time.perf_counter() - started:.1f} s)."
            )
            return
        if check:
            found = store.differences()
            for line in found:
                self.stderr.write(line)
            if found:
                raise CommandError(
                    "Số liệu tổng hợp khác kết quả tính lại từ hồ sơ: chạy rebuild_aggregates.",
                    returncode=1,
                )
            self.stdout.write(
                f"Số liệu tổng hợp khớp với hồ sơ ({time.perf_counter() - started:.1f} s)."
            )
            return

        def progress(count):
            if verbosity > 1:
                self.stdout.write(f"  {count} hồ sơ…")

        try:
            dossiers, flows, stock = store.rebuild(
                chunk_size=chunk_size, workers=workers, progress=progress
            )
        except bulk.RebuildFailed as error:
            raise CommandError(
                f"Tính lại thất bại, số liệu tổng hợp giữ nguyên như trước: {error}"
            ) from error
        self.stdout.write(
            f"Đã tính lại từ {dossiers} hồ sơ: {flows} dòng số hồ sơ tiếp nhận / kết thúc, "
            f"{stock} dòng biến động hồ sơ đang mở ({time.perf_counter() - started:.1f} s)."
        )
