"""The demo province: its agency tree before and after the 2025 reform, staff and citizens.

Modelled on Lâm Đồng after 01/07/2025 (Đắk Nông and Bình Thuận merged into it, districts
abolished, new wards formed from old ones). Names of units follow the reform; the identity codes
are **illustrative** (well-formed, not the officially assigned ones), which docs/demo.md says.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group

from motcua.accounts import services as accounts
from motcua.accounts.models import BusinessKind, CitizenProfile, User
from motcua.agencies import services as agencies
from motcua.agencies.constants import Level, Role
from motcua.agencies.models import Agency
from motcua.backoffice.second_factor.policy import DEMO_GROUP

DEMO_PASSWORD = "demo-motcua-2026"  # noqa: S105 - printed by `make run` for the demo only

OLD_DAY = datetime.date(1990, 1, 1)
REFORM_DAY = datetime.date(2025, 7, 1)
REFORM_DECISION = "Nghị quyết 1671/NQ-UBTVQH15 (2025) về sắp xếp đơn vị hành chính cấp xã"

PROVINCE_CODE = "000.00.00.H36"

DEPARTMENTS = [
    # code, name, short name, internal units
    ("000.00.01.H36", "Sở Tư pháp tỉnh Lâm Đồng", "Sở Tư pháp", ["Phòng Hành chính tư pháp"]),
    ("000.00.02.H36", "Sở Xây dựng tỉnh Lâm Đồng", "Sở Xây dựng", ["Phòng Quản lý xây dựng"]),
    (
        "000.00.03.H36",
        "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng",
        "Sở Nông nghiệp và Môi trường",
        ["Văn phòng Đăng ký đất đai"],
    ),
    ("000.00.04.H36", "Sở Y tế tỉnh Lâm Đồng", "Sở Y tế", []),
    ("000.00.05.H36", "Sở Nội vụ tỉnh Lâm Đồng", "Sở Nội vụ", []),
    ("000.00.06.H36", "Sở Tài chính tỉnh Lâm Đồng", "Sở Tài chính", ["Phòng Đăng ký kinh doanh"]),
]

# Commune-level units formed on 01/07/2025, each with its public-administration service centre.
COMMUNES = [
    ("000.00.31.H36", "Phường Xuân Hương - Đà Lạt", "xuanhuong"),
    ("000.00.32.H36", "Phường Cam Ly - Đà Lạt", "camly"),
    ("000.00.33.H36", "Phường Lâm Viên - Đà Lạt", "lamvien"),
    ("000.00.34.H36", "Phường Lang Biang - Đà Lạt", "langbiang"),
    ("000.00.35.H36", "Phường Bắc Gia Nghĩa", "bacgianghia"),
    ("000.00.36.H36", "Phường Phan Thiết", "phanthiet"),
    ("000.00.37.H36", "Phường Mũi Né", "muine"),
    ("000.00.38.H36", "Xã Đức Trọng", "ductrong"),
]

# The abolished level, kept for old dossiers: Đà Lạt city (cấp huyện) and three of its old wards,
# merged into Phường Xuân Hương - Đà Lạt.
OLD_DISTRICT = ("000.00.20.H36", "Thành phố Đà Lạt")
OLD_WARDS = [
    ("000.01.20.H36", "Phường 1, thành phố Đà Lạt"),
    ("000.02.20.H36", "Phường 2, thành phố Đà Lạt"),
    ("000.03.20.H36", "Phường 3, thành phố Đà Lạt"),
]
MERGED_PROVINCES = [("000.00.00.H16", "Tỉnh Đắk Nông"), ("000.00.00.H09", "Tỉnh Bình Thuận")]

# Every role for two communes and one department; the province has a manager and an administrator.
STAFFED_ROLES = [
    (Role.DESK_OFFICER, "motcua", "Cán bộ một cửa"),
    (Role.SPECIALIST, "chuyenvien", "Chuyên viên"),
    (Role.UNIT_LEADER, "truongphong", "Trưởng phòng"),
    (Role.AGENCY_LEADER, "lanhdao", "Phó Chủ tịch"),
    (Role.REGISTRY_CLERK, "vanthu", "Văn thư"),
    (Role.MANAGER, "thongke", "Cán bộ thống kê, giám sát"),
]
STAFF_NAMES = {
    "xuanhuong": [
        "Nguyễn Thị Hoa",
        "Trần Văn Minh",
        "Lê Quốc Bảo",
        "Phạm Thị Thu",
        "Đặng Văn Tài",
        "Võ Thị Ngọc",
    ],
    "camly": [
        "Hồ Thị Mai",
        "Bùi Văn Phúc",
        "Đinh Quang Huy",
        "Trương Thị Yến",
        "Lý Văn Sơn",
        "Mai Thị Hạnh",
    ],
    "sotuphap": [
        "Phan Thị Lan",
        "Dương Văn Khoa",
        "Kiều Thị Oanh",
        "Tô Văn Lực",
        "Lâm Thị Tuyết",
        "Châu Văn Đạt",
    ],
}

CITIZENS = [
    # personal id, name, birth date, phone, e-mail, address, VNeID-verified
    (
        "068080001234",
        "Nguyễn Văn An",
        datetime.date(1980, 5, 17),
        "0912345678",
        "an.nguyen@example.vn",
        "12 Trần Phú, Phường Xuân Hương - Đà Lạt",
        True,
    ),
    (
        "068192004567",
        "Lê Thị Bích",
        datetime.date(1992, 3, 8),
        "0987654321",
        "bich.le@example.vn",
        "5 Hùng Vương, Phường Cam Ly - Đà Lạt",
        False,
    ),
    (
        "068055007890",
        "Trần Văn Cư",
        datetime.date(1955, 11, 2),
        "0368123456",
        "",
        "Thôn 3, Xã Đức Trọng",
        False,
    ),
    (
        "060201002345",
        "Phạm Thị Diệu",
        datetime.date(2001, 9, 30),
        "0778123456",
        "dieu.pham@example.vn",
        "20 Nguyễn Tất Thành, Phường Phan Thiết",
        True,
    ),
]
BUSINESS = ("5800123456", "Công ty TNHH Cà phê Cao Nguyên", "caphe@example.vn")
# A state agency filing as an organisation, under its budget-unit code (mã ĐVQHNS).
STATE_AGENCY = ("1023456", "Trường Tiểu học Xuân Hương", "thxuanhuong@example.vn")


@dataclass
class Login:
    who: str
    username: str
    where: str


def _committee(name: str) -> str:
    """'Phường Mũi Né' -> 'Ủy ban nhân dân phường Mũi Né' (only the level word is lower-cased)."""
    return f"Ủy ban nhân dân {name[0].lower()}{name[1:]}"


def _agency(code: str, **kwargs) -> Agency:
    existing = Agency.objects.filter(code=code).first()
    return existing or agencies.create_agency(code=code, **kwargs)


def _unit(parent: Agency, name: str, **kwargs) -> Agency:
    existing = Agency.objects.filter(parent=parent, name=name).first()
    return existing or agencies.create_agency(
        name=name, level=Level.UNIT, parent=parent, valid_from=parent.valid_from, **kwargs
    )


def load_tree() -> dict[str, Agency]:
    province = _agency(
        PROVINCE_CODE,
        name="Ủy ban nhân dân tỉnh Lâm Đồng",
        short_name="Tỉnh Lâm Đồng",
        level=Level.PROVINCE,
        valid_from=OLD_DAY,
        address="36 Trần Phú, Phường Xuân Hương - Đà Lạt, tỉnh Lâm Đồng",
    )
    units = {"province": province}
    units["centre"] = _unit(
        province,
        "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng",
        runs_one_stop_desk=True,
        desk_name="Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng",
    )
    for code, name, short_name, inner in DEPARTMENTS:
        department = _agency(
            code,
            name=name,
            short_name=short_name,
            level=Level.DEPARTMENT,
            parent=province,
            valid_from=OLD_DAY,
        )
        units[code] = department
        for inner_name in inner:
            _unit(department, inner_name)
    units["sotuphap"] = units["000.00.01.H36"]

    for code, name in MERGED_PROVINCES:
        old = _agency(
            code, name=_committee(name), short_name=name, level=Level.PROVINCE, valid_from=OLD_DAY
        )
        if old.valid_to is None:
            agencies.merge_agencies(
                [old], into=province, effective_date=REFORM_DAY, decision=REFORM_DECISION
            )

    district = _agency(
        OLD_DISTRICT[0],
        name=_committee(OLD_DISTRICT[1]),
        short_name=OLD_DISTRICT[1],
        level=Level.DISTRICT,
        parent=province,
        valid_from=OLD_DAY,
    )
    old_wards = [
        _agency(
            code,
            name=_committee(name),
            short_name=name,
            level=Level.COMMUNE,
            parent=district,
            valid_from=OLD_DAY,
            runs_one_stop_desk=True,
            desk_name=f"Bộ phận Tiếp nhận và Trả kết quả {name[0].lower()}{name[1:]}",
        )
        for code, name in OLD_WARDS
    ]

    for code, name, key in COMMUNES:
        units[key] = _agency(
            code,
            name=_committee(name),
            short_name=name,
            level=Level.COMMUNE,
            parent=province,
            valid_from=REFORM_DAY,
            runs_one_stop_desk=True,
            desk_name=f"Trung tâm Phục vụ hành chính công {name[0].lower() + name[1:]}",
            decision=REFORM_DECISION,
        )
        _unit(units[key], "Phòng Văn hóa - Xã hội")
        _unit(units[key], "Phòng Kinh tế")

    open_wards = [w for w in old_wards if w.valid_to is None]
    if open_wards:
        agencies.merge_agencies(
            open_wards, into=units["xuanhuong"], effective_date=REFORM_DAY, decision=REFORM_DECISION
        )
    district.refresh_from_db()
    if district.valid_to is None:
        agencies.dissolve_agency(
            district,
            effective_date=REFORM_DAY,
            rehome_children_to=province,
            decision="Luật Tổ chức chính quyền địa phương 2025",
        )
    return units


def _officer(username: str, full_name: str, *, superuser: bool = False) -> User:
    user = User.objects.filter(username=username).first() or accounts.create_officer(
        username=username, full_name=full_name, password=DEMO_PASSWORD, is_superuser=superuser
    )
    # Marks the demo's own officers: with DEBUG and DEMO_OFFICERS_SKIP_2FA on (`make run`) they
    # sign in with the published password only; any other account still needs its second factor.
    group, _ = Group.objects.get_or_create(name=DEMO_GROUP)
    user.groups.add(group)
    return user


def load_people(units: dict[str, Agency]) -> list[Login]:
    logins: list[Login] = []
    for key in ("xuanhuong", "camly", "sotuphap"):
        unit = units[key]
        for (role, suffix, title), full_name in zip(STAFFED_ROLES, STAFF_NAMES[key], strict=True):
            user = _officer(f"{key}.{suffix}", full_name)
            agencies.assign_role(
                user, unit=unit, role=role, valid_from=unit.valid_from, title=title
            )
            logins.append(
                Login(f"{Role(role).label} – {unit.display_name}", user.username, "/backoffice/")
            )
    # The accountants of the two staffed communes (the remittance to the treasury, docs/remittance.md).
    for key, full_name in (("xuanhuong", "Lưu Thị Kim Chi"), ("camly", "Quách Văn Tín")):
        accountant = _officer(f"{key}.ketoan", full_name)
        agencies.assign_role(
            accountant,
            unit=units[key],
            role=Role.ACCOUNTANT,
            valid_from=units[key].valid_from,
            title="Kế toán",
        )
        logins.append(
            Login(
                f"{Role.ACCOUNTANT.label} – {units[key].display_name}",
                accountant.username,
                "/reports/nop-ngan-sach/",
            )
        )
    manager = _officer("tinh.giamsat", "Nguyễn Hữu Thắng")
    agencies.assign_role(
        manager,
        unit=units["province"],
        role=Role.MANAGER,
        valid_from=REFORM_DAY,
        title="Văn phòng UBND tỉnh",
    )
    logins.append(Login(f"{Role.MANAGER.label} – Tỉnh Lâm Đồng", manager.username, "/backoffice/"))
    admin = _officer("quantri", "Quản trị hệ thống", superuser=True)
    agencies.assign_role(
        admin, unit=units["province"], role=Role.ADMINISTRATOR, valid_from=REFORM_DAY
    )
    logins.append(Login(Role.ADMINISTRATOR.label, admin.username, "/admin/"))

    for personal_id, name, born, phone, email, address, vneid in CITIZENS:
        if not CitizenProfile.objects.filter(personal_id=personal_id).exists():
            accounts.register_citizen(
                personal_id=personal_id,
                full_name=name,
                date_of_birth=born,
                password=DEMO_PASSWORD,
                phone=phone,
                email=email,
                address=address,
                vneid_verified=vneid,
            )
        logins.append(Login(f"Công dân – {name}", personal_id, "/accounts/login/"))
    tax_code, business_name, email = BUSINESS
    if not User.objects.filter(username=tax_code).exists():
        accounts.register_business(
            tax_code=tax_code,
            name=business_name,
            password=DEMO_PASSWORD,
            email=email,
            contact_name="Đoàn Minh Khôi",
            address="45 Phan Bội Châu, Phường Xuân Hương - Đà Lạt",
            legal_representative="Đoàn Minh Khôi",
        )
    logins.append(Login(f"Doanh nghiệp – {business_name}", tax_code, "/accounts/login/"))
    code, agency_name, email = STATE_AGENCY
    if not User.objects.filter(username=code).exists():
        accounts.register_business(
            tax_code=code,
            kind=BusinessKind.STATE_AGENCY,
            name=agency_name,
            password=DEMO_PASSWORD,
            email=email,
            contact_name="Phan Thị Hiệu",
            address="12 Trần Phú, Phường Xuân Hương - Đà Lạt",
            legal_representative="Phan Thị Hiệu",
        )
    logins.append(Login(f"Cơ quan nhà nước – {agency_name}", code, "/accounts/login/"))
    return logins
