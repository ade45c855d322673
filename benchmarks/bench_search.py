"""Procedure search at the size of the national catalogue (about 7,000 procedures, domain.md
§15): the time of one portal search (``catalog.selectors.search``, the query the portal and the
desk's intake run) for plain, unaccented, i/y-variant and common-name queries, and the time to
re-index the versions a synonym touches when it is saved. Run with
`python benchmarks/bench_search.py [--versions 7000]`. Prints figures, never fails. Uses a
throwaway SQLite database under a temporary directory (set DATABASE_URL to a PostgreSQL
database whose name contains "bench" to measure there).
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "1")
_TMP = tempfile.TemporaryDirectory()
if "bench" not in os.environ.get("DATABASE_URL", ""):
    os.environ["DATABASE_URL"] = f"sqlite:///{_TMP.name}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{_TMP.name}/media"

# Words of real procedure names, recombined into plausible ones.
HEADS = [
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Đăng ký",
    "Đăng ký lại",
    "Xác nhận",
    "Chứng thực",
    "Gia hạn",
    "Điều chỉnh",
    "Thu hồi",
    "Công nhận",
    "Hỗ trợ",
    "Thẩm định",
    "Phê duyệt",
]
OBJECTS = [
    "giấy chứng nhận quyền sử dụng đất",
    "giấy phép xây dựng",
    "khai sinh",
    "khai tử",
    "kết hôn",
    "tình trạng hôn nhân",
    "hộ kinh doanh",
    "giấy phép lái xe",
    "chứng chỉ hành nghề",
    "thẻ bảo hiểm y tế",
    "trợ cấp xã hội",
    "hộ nghèo",
    "bản sao từ sổ gốc",
    "chữ ký",
    "tạm trú",
    "thường trú",
    "lý lịch tư pháp",
    "giấy phép kinh doanh vận tải",
    "quỹ từ thiện",
    "di tích lịch sử",
]
TAILS = [
    "",
    " lần đầu",
    " cho công dân Việt Nam",
    " đối với nhà ở riêng lẻ",
    " cấp xã",
    " có yếu tố nước ngoài",
    " (thủ tục liên thông)",
]
QUERIES = [
    "đăng ký khai sinh",
    "dang ky khai sinh",
    "đăng kí khai sinh",
    "1.004873",
    "xác nhận độc thân",
    "làm sổ đỏ",
    "giấy phép",
    "khai",
    "không có thủ tục này",
]


def build(n: int) -> None:
    from motcua.catalog import indexing
    from motcua.catalog.constants import VersionStatus
    from motcua.catalog.models import Field, Procedure, ProcedureVersion, SearchSynonym
    from motcua.catalog.search import canonical

    rng = random.Random(7)
    fields = [Field.objects.create(code=f"LV{i:02d}", name=f"Lĩnh vực {i}") for i in range(40)]
    procedures = Procedure.objects.bulk_create(
        Procedure(code=f"{1 + i % 2}.{100000 + i:06d}") for i in range(n)
    )
    synonyms = [
        ("xác nhận độc thân", "xác nhận tình trạng hôn nhân"),
        ("làm sổ đỏ", "giấy chứng nhận quyền sử dụng đất"),
        ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"),
        ("làm giấy khai sinh", "đăng ký khai sinh"),
        ("công chứng", "chứng thực"),
    ]
    SearchSynonym.objects.bulk_create(
        SearchSynonym(phrase=p, official=o, phrase_key=canonical(p), official_key=canonical(o))
        for p, o in synonyms
    )
    keys = indexing.all_synonyms()
    versions = []
    for procedure in procedures:
        name = f"{rng.choice(HEADS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}"
        field = rng.choice(fields)
        result = f"Giấy {rng.choice(OBJECTS)}"
        search_name, search_text = indexing.columns(
            [procedure.code, name, field.name, result, "Ủy ban nhân dân cấp xã"], name, keys
        )
        versions.append(
            ProcedureVersion(
                procedure=procedure,
                number=1,
                status=VersionStatus.PUBLISHED,
                name=name,
                field=field,
                level="commune",
                result_name=result,
                valid_from=datetime.date(2025, 7, 1),
                search_name=search_name,
                search_text=search_text,
            )
        )
    ProcedureVersion.objects.bulk_create(versions, batch_size=1000)


def timed(call, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=7000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from motcua.catalog import selectors, services
    from motcua.catalog.models import SearchSynonym

    started = time.perf_counter()
    build(args.versions)
    print(
        f"{connection.vendor}: {args.versions:,} published versions built in "
        f"{time.perf_counter() - started:.1f} s"
    )
    print(f"{'query':<24} {'found':>6} {'first page ms (median / max)':>30}")
    for query in QUERIES:
        found = selectors.search(query).count()
        median, worst = timed(lambda q=query: list(selectors.search(q)[:20]), args.repeat)
        print(f"{query:<24} {found:>6} {median:>18.1f} / {worst:.1f}")

    official = "giấy chứng nhận quyền sử dụng đất"
    touched = selectors.search("sổ đỏ").count()
    added, removed = [], []
    for _ in range(3):
        start = time.perf_counter()
        synonym = services.save_synonym(actor=None, phrase="giấy tờ đất", official=official)
        added.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        services.delete_synonyms([synonym], actor=None)
        removed.append((time.perf_counter() - start) * 1000)
    print(
        f"a synonym for {touched:,} versions, re-indexed when added / removed: "
        f"{statistics.median(added):.0f} / {statistics.median(removed):.0f} ms (median of 3)"
    )
    assert not SearchSynonym.objects.filter(phrase="giấy tờ đất").exists()


if __name__ == "__main__":
    main()
