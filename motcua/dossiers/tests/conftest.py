"""A small catalogue for the dossier tests: one commune-level procedure of 3 working days with a
five-stage internal process (desk, specialist, leader, registry, desk) and a fee at receipt, and
a same-day one ("trong ngày", cut-off 15:00) like the certification of copies."""

import copy
import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.dossiers import services
from motcua.dossiers.services import Applicant, ComponentInput

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VN)


def _step(name, unit, role, hours, stage):
    return {
        "name": name,
        "unit": unit,
        "role": role,
        "quota": {"amount": hours, "unit": "working_hours"},
        "output_kind": "none",
        "output_name": "",
        "stage": stage,
    }


def _channel(channel, days=3):
    return {
        "channel": channel,
        "processing_time": {"amount": days, "unit": "working_days"},
        "same_day": False,
        "fee_lines": [{"name": "Lệ phí", "kind": "charge", "amount": 50000, "stage": "at_receipt"}],
    }


CATALOGUE = {
    "format": "motcua.catalog/1",
    "fields": [{"code": "TN", "name": "Lĩnh vực thử nghiệm"}],
    "forms": [],
    "procedures": [
        {
            "code": "9.000001",
            "versions": [
                {
                    "number": 1,
                    "status": "published",
                    "name": "Thủ tục thử nghiệm",
                    "field": "TN",
                    "level": "commune",
                    "subjects": ["citizen"],
                    "sequence": "Nộp hồ sơ; tiếp nhận; giải quyết; trả kết quả.",
                    "result": {"name": "Giấy chứng nhận thử nghiệm", "is_document": True},
                    "online_level": "full",
                    "full_online_eligible": True,
                    "valid_from": "2025-07-01",
                    "decision_number": "1/QĐ-TEST",
                    "decision_date": "2025-06-30",
                    "agencies": [{"role": "executing", "level": "commune", "name": "UBND cấp xã"}],
                    "channels": [_channel("direct"), _channel("online"), _channel("postal")],
                    "components": [
                        {"name": "Tờ khai", "originals": 1, "copies": 0},
                        {
                            "name": "Giấy ủy quyền",
                            "originals": 1,
                            "copies": 0,
                            "requirement": "conditional",
                            "condition": "Khi nộp thay",
                        },
                    ],
                    "processes": [
                        {
                            "name": "Quy trình thử nghiệm",
                            "steps": [
                                _step("Tiếp nhận, chuyển xử lý", "desk", "desk_officer", 1, 1),
                                _step("Thẩm định", "specialist_unit", "specialist", 16, 2),
                                _step("Phê duyệt", "leadership", "agency_leader", 4, 3),
                                _step("Vào sổ, phát hành", "registry", "registry_clerk", 2, 4),
                                _step("Trả kết quả", "desk", "desk_officer", 1, 5),
                            ],
                        }
                    ],
                }
            ],
        }
    ],
}


@pytest.fixture
def version(db):
    catalog_services.import_catalogue(CATALOGUE)
    return catalog.published_version_on("9.000001", datetime.date(2026, 3, 2))


def _same_day_catalogue() -> dict:
    """The test procedure as a same-day one: resolved on the day of receipt, or the next working
    day when received after 15:00 (ND 23/2015 Art. 21)."""
    data = copy.deepcopy(CATALOGUE)
    procedure = data["procedures"][0]
    procedure["code"] = "9.000002"
    version = procedure["versions"][0]
    version["name"] = "Thủ tục thử nghiệm trong ngày"
    version["cutoff_time"] = "15:00"
    for channel in version["channels"]:
        channel["same_day"] = True
        channel["processing_time"] = {"amount": 1, "unit": "working_days"}
    steps = version["processes"][0]["steps"]
    for step, hours in zip(steps, (0.5, 4, 2, 1, 0.5), strict=True):
        step["quota"] = {"amount": hours, "unit": "working_hours"}
    return data


@pytest.fixture
def same_day_version(db):
    catalog_services.import_catalogue(_same_day_catalogue())
    return catalog.published_version_on("9.000002", datetime.date(2026, 3, 2))


@pytest.fixture
def same_day_walk_in(walk_in, same_day_version):
    """``walk_in`` for the same-day procedure."""

    def make(at=None, **overrides):
        component = same_day_version.components.get(name="Tờ khai")
        return walk_in(
            at=at,
            procedure_version=same_day_version,
            components=[ComponentInput(name="Tờ khai", component=component, paper_originals=1)],
            **overrides,
        )

    return make


@pytest.fixture
def applicant(people):
    return Applicant.from_account(people.citizen_a)


@pytest.fixture
def form_component(version):
    return version.components.get(name="Tờ khai")


@pytest.fixture
def walk_in(version, tree, people, applicant, form_component):
    """Receive a walk-in dossier at commune X: ``walk_in(at=vn(2026, 3, 2, 9, 0))``."""

    def make(at=None, **overrides):
        kwargs = {
            "actor": people.desk_x,
            "procedure_version": version,
            "receiving_unit": tree.commune_x,
            "resolving_agency": tree.commune_x,
            "applicant": applicant,
            "components": [
                ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)
            ],
            "at": at or vn(2026, 3, 2, 9, 0),
        }
        return services.receive(**(kwargs | overrides))

    return make
