"""A small catalogue for the dossier tests: one commune-level procedure of 3 working days with a
five-stage internal process (desk, specialist, leader, registry, desk) and a fee at receipt, and
a same-day one ("trong ngày", cut-off 15:00) like the certification of copies."""

import copy
import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
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


@pytest.fixture
def where(version, tree):
    """Where a dossier of the test procedure is filed: its version, received and resolved by
    commune X (the keyword arguments of ``services.save_draft``)."""
    return {
        "procedure_version": version,
        "receiving_unit": tree.commune_x,
        "resolving_agency": tree.commune_x,
    }


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


# A birth registration form with the clerk's date rules, and an identity paper a VNeID-verified
# applicant need not give (the demo's 1.001193 in small).
BIRTH_FIELDS = [
    {"name": "ho_ten_tre", "label": "Họ, chữ đệm, tên của trẻ", "kind": "text", "required": True},
    {
        "name": "ngay_sinh",
        "label": "Ngày sinh của trẻ",
        "kind": "date",
        "required": True,
        "not_after": "today",
        "not_before": ["ngay_sinh_me", "applicant.birth_date"],
    },
    {
        "name": "gioi_tinh",
        "label": "Giới tính",
        "kind": "choice",
        "required": True,
        "choices": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}],
    },
    {"name": "ho_ten_me", "label": "Họ, chữ đệm, tên của mẹ", "kind": "text"},
    {"name": "ngay_sinh_me", "label": "Ngày sinh của mẹ", "kind": "date", "not_after": "today"},
    {"name": "so_ban", "label": "Số bản trích lục", "kind": "integer", "min": 1, "max": 5},
]
IDENTITY_PAPER = {
    "name": "Giấy tờ tùy thân của người yêu cầu",
    "originals": 1,
    "copies": 0,
    "source": "national_database",
    "national_database": "Cơ sở dữ liệu quốc gia về dân cư",
    "vneid_exempt": True,
}


def birth_catalogue() -> dict:
    """The test catalogue with the birth form and the identity paper on procedure 9.000002."""
    import copy

    data = copy.deepcopy(CATALOGUE)
    procedure = copy.deepcopy(data["procedures"][0])
    procedure["code"] = "9.000002"
    version = procedure["versions"][0]
    version["name"] = "Đăng ký khai sinh thử nghiệm"
    version["form_fields"] = copy.deepcopy(BIRTH_FIELDS)
    version["components"].append(copy.deepcopy(IDENTITY_PAPER))
    data["procedures"] = [procedure]
    return data


@pytest.fixture
def birth_version(db):
    catalog_services.import_catalogue(birth_catalogue())
    return catalog.published_version_on("9.000002", datetime.date(2026, 3, 2))


BIRTH_ANSWERS = {
    "ho_ten_tre": "Nguyễn Minh Khang",
    "ngay_sinh": "2026-02-20",
    "gioi_tinh": "nam",
    "ho_ten_me": "Trần Thị Thu Hà",
    "ngay_sinh_me": "1986-04-12",
    "so_ban": 2,
}


PAGES = {"name": "so_trang", "label": "Số trang", "kind": "integer", "required": True, "min": 1}
COPIES = {"name": "so_ban", "label": "Số bản", "kind": "integer", "required": True, "min": 1}
CERTIFICATION = {
    "name": "Phí chứng thực bản sao",
    "kind": "fee",
    "amount": 2000,
    "basis": "per_page",
    "tier_from": 3,
    "tier_amount": 1000,
    "maximum": 200000,
    "stage": "at_receipt",
}
WAIVED = {"name": "Lệ phí", "kind": "charge", "amount": 0, "stage": "at_receipt"}


@pytest.fixture
def copy_version(db):
    """Procedure 9.000003: per page of each copy, read from the form's so_trang and so_ban (the
    desk types the form with the applicant, the citizen online); and a waived line."""
    data = copy.deepcopy(CATALOGUE)
    version = data["procedures"][0]["versions"][0]
    data["procedures"][0]["code"] = "9.000003"
    version["name"] = "Chứng thực bản sao thử nghiệm"
    version["form_fields"] = [PAGES, COPIES]
    for channel in version["channels"]:
        line = dict(CERTIFICATION) | {"quantity_field": "so_trang", "copies_field": "so_ban"}
        channel["fee_lines"] = [line, WAIVED]
    catalog_services.import_catalogue(data)
    return catalog.published_version_on("9.000003", datetime.date(2026, 3, 2))


@pytest.fixture
def copy_component(copy_version):
    return copy_version.components.get(name="Tờ khai")


@pytest.fixture
def workload(walk_in, people, tree):
    """At commune X in March: one dossier returned, one in progress with a specialist, one
    received at the desk, one waiting for a supplement; one at commune Y."""
    p = people
    done = walk_in(at=vn(2026, 3, 2, 9, 0))
    done = services.assign(done, actor=p.desk_x, at=vn(2026, 3, 2, 9, 30))
    done = services.complete_step(done, actor=p.specialist_x, at=vn(2026, 3, 2, 10, 0))
    done = services.approve(done, actor=p.leader_x, at=vn(2026, 3, 2, 11, 0))
    done = services.record_result(done, actor=p.leader_x, at=vn(2026, 3, 2, 13, 0))
    done = services.return_result(
        done,
        actor=p.desk_x,
        recipient_name="An",
        recipient_id_number="068080001234",
        at=vn(2026, 3, 2, 14, 0),
    )
    working = walk_in(at=vn(2026, 3, 3, 9, 0))
    working = services.assign(
        working, actor=p.desk_x, assignee=p.specialist_x, at=vn(2026, 3, 3, 9, 30)
    )
    waiting = walk_in(at=vn(2026, 3, 4, 9, 0))
    received = walk_in(at=vn(2026, 3, 5, 9, 0))
    waiting = services.assign(waiting, actor=p.desk_x, at=vn(2026, 3, 4, 9, 30))
    waiting = services.request_supplement(
        waiting,
        actor=p.specialist_x,
        items=[{"name": "A", "reason": "B"}],
        at=vn(2026, 3, 4, 10, 0),
    )
    desk_y = make_officer("Trịnh Văn Yên", unit=tree.commune_y, role=Role.DESK_OFFICER)
    specialist_y = make_officer("Lý Thị Yến", unit=tree.commune_y, role=Role.SPECIALIST)
    at_y = walk_in(
        at=vn(2026, 3, 6, 9, 0),
        actor=desk_y,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_y,
    )
    return {
        "done": done,
        "working": working,
        "waiting": waiting,
        "received": received,
        "at_y": at_y,
        "desk_y": desk_y,
        "specialist_y": specialist_y,
    }
