"""A small province catalogue (four procedures of the demo catalogue, as the province published
them) and a national database of five (the same four, three of them amended, and one new), in
files the tests may change between two pulls."""

from __future__ import annotations

import copy
import json

import pytest
from django.contrib.auth import get_user_model

from motcua.catalog import services as catalog
from motcua.demo import catalogue as demo
from motcua.integrations.portal.demo import national

LOCAL_CODES = ["1.001193", "1.004194", "1.004873", "2.000815"]
NATIONAL_CODES = [*LOCAL_CODES, "1.004837"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def province_catalogue(db):
    with open(demo.DATA_FILE, encoding="utf-8") as handle:
        raw = json.load(handle)
    raw["procedures"] = [p for p in raw["procedures"] if p["code"] in LOCAL_CODES]
    keys = set()
    for procedure in raw["procedures"]:
        for version in procedure["versions"]:
            keys.add(version["result"].get("template"))
            keys.update(c.get("form") for c in version["components"])
    raw["forms"] = [f for f in raw["forms"] if f["key"] in keys]
    raw["synonyms"] = []
    catalog.import_catalogue(demo.build_document(raw))


class NationalFile:
    """The demo portal's national database, as a file the test may rewrite."""

    def __init__(self, path):
        self.path = path
        with open(national.DATA_FILE, encoding="utf-8") as handle:
            data = json.load(handle)
        data["ThuTuc"] = [r for r in data["ThuTuc"] if r["MaTTHC"] in NATIONAL_CODES]
        self.data = data
        self.save()

    def record(self, code: str) -> dict:
        return next(r for r in self.data["ThuTuc"] if r["MaTTHC"] == code)

    def save(self) -> None:
        self.path.write_text(json.dumps(self.data, ensure_ascii=False), encoding="utf-8")
        national._load.cache_clear()

    def copy(self) -> dict:
        return copy.deepcopy(self.data)


@pytest.fixture
def national_file(tmp_path, monkeypatch):
    file = NationalFile(tmp_path / "national.json")
    monkeypatch.setenv("DEMO_DVCQG_CATALOGUE", str(file.path))
    yield file
    national._load.cache_clear()


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_superuser(
        username="danhmuc", password="x-Strong-Pass-2026", email="dm@example.vn"
    )
