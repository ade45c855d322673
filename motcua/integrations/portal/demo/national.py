"""The demo portal's national procedure database (CSDL quốc gia về TTHC): answers
``LayDanhSachTTHC`` (paged, optionally only what changed since a day), ``LayThuTuc`` (one
procedure in full), ``LayDanhMucCoQuan`` and ``LayDanhMucLinhVuc`` from a data file of its own,
``data/national_catalogue.json``: the demo province's procedures as the ministries publish them,
three of them amended later and one the province does not offer yet, so that a pull has
something to show. ``DEMO_DVCQG_CATALOGUE`` names another file of the same shape (tests use it
to make the national content change between two pulls)."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "national_catalogue.json"
SERVICES = {"LayDanhSachTTHC", "LayThuTuc", "LayDanhMucCoQuan", "LayDanhMucLinhVuc"}
DEFAULT_PAGE_SIZE = 50


def data_file() -> Path:
    return Path(os.environ.get("DEMO_DVCQG_CATALOGUE", "") or DATA_FILE)


@lru_cache(maxsize=4)
def _load(path: str, modified: float) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def database() -> dict:
    path = data_file()
    return _load(str(path), path.stat().st_mtime)


def _summary(record: dict) -> dict:
    return {
        "MaTTHC": record["MaTTHC"],
        "TenTTHC": record["TenTTHC"],
        "MaLinhVuc": record["LinhVucThucHien"][0]["MaLinhVuc"],
        "CapThucHien": record["CapThucHien"],
        "NgayCapNhat": record["NgayCapNhat"],
        "TinhTrang": record["TinhTrang"],
    }


def answer(name: str, body: dict) -> dict:
    """The answer to one (already validated) request of the catalogue services."""
    data = database()
    if name == "LayDanhSachTTHC":
        records = sorted(data["ThuTuc"], key=lambda r: r["MaTTHC"])
        if body.get("tuNgay"):
            records = [r for r in records if r["NgayCapNhat"][:8] >= body["tuNgay"]]
        if body.get("maLinhVuc"):
            records = [
                r
                for r in records
                if any(f["MaLinhVuc"] == body["maLinhVuc"] for f in r["LinhVucThucHien"])
            ]
        page = body.get("trang", 1)
        size = body.get("soBanGhi", DEFAULT_PAGE_SIZE)
        chosen = records[(page - 1) * size : page * size]
        return {
            "error_code": 0,
            "result": {
                "TongSo": len(records),
                "Trang": page,
                "SoBanGhi": size,
                "DanhSach": [_summary(r) for r in chosen],
            },
        }
    if name == "LayThuTuc":
        found = next((r for r in data["ThuTuc"] if r["MaTTHC"] == body["maTTHC"]), None)
        if found is None:
            return {
                "error_code": 1,
                "message": f"Không có thủ tục mã {body['maTTHC']} trong CSDL quốc gia về TTHC.",
            }
        return {"error_code": 0, "result": found}
    if name == "LayDanhMucCoQuan":
        agencies = data["CoQuan"]
        if "maCoQuanCha" in body:
            agencies = [a for a in agencies if a["MaCoQuanCha"] == body["maCoQuanCha"]]
        return {"error_code": 0, "result": agencies}
    return {"error_code": 0, "result": data["LinhVuc"]}
