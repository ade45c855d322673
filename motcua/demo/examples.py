"""One dossier of the demo told in full: citizen Nguyễn Văn An (VNeID-verified) registers his
son's birth online at Phường Xuân Hương - Đà Lạt and waits for the desk's check, so the walk
from the citizen's filing to the desk officer's acceptance can be followed with the demo logins.
Filed through the same services as the portal, once (an idempotency key makes a second run
return the same dossier)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from motcua.accounts.models import CitizenProfile
from motcua.agencies.models import Agency
from motcua.catalog import selectors as catalog
from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.constants import Delivery
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import ComponentInput

from .catalogue import render_pdf

BIRTH_REGISTRATION = "1.001193"
APPLICANT_ID = "068080001234"  # Nguyễn Văn An, VNeID-verified
DESK_CODE = "000.00.31.H36"  # Phường Xuân Hương - Đà Lạt
KEY = "demo-example-birth-registration"


def _answers(today: datetime.date) -> dict:
    return {
        "ho_ten_tre": "Nguyễn Minh Khang",
        "ngay_sinh": (today - datetime.timedelta(days=12)).isoformat(),
        "gioi_tinh": "nam",
        "noi_sinh": "Bệnh viện Đa khoa tỉnh Lâm Đồng, Phường Xuân Hương - Đà Lạt",
        "ho_ten_me": "Trần Thị Thu Hà",
        "ngay_sinh_me": "1986-04-12",
        "ho_ten_cha": "Nguyễn Văn An",
        "ngay_sinh_cha": "1980-05-17",
        "quan_he": "cha",
    }


def _paper(title: str, lines: list[str], name: str, owner):
    return store_file(
        render_pdf(title, lines),
        name=name,
        content_type="application/pdf",
        uploaded_by=owner,
        owner=owner,
    )


def load_examples() -> Dossier | None:
    """File the example once; None when the demo province or catalogue is not loaded."""
    profile = CitizenProfile.objects.select_related("user").filter(personal_id=APPLICANT_ID)
    desk = Agency.objects.filter(code=DESK_CODE).first()
    version = catalog.published_version_on(BIRTH_REGISTRATION)
    if not profile.exists() or desk is None or version is None:
        return None
    citizen = profile.get().user
    today = timezone.localdate()
    answers = _answers(today)
    papers = {
        "Tờ khai đăng ký khai sinh theo mẫu": _paper(
            "Tờ khai đăng ký khai sinh",
            [f"Họ, chữ đệm, tên: {answers['ho_ten_tre']}", "Người yêu cầu: Nguyễn Văn An"],
            "to-khai-khai-sinh.pdf",
            citizen,
        ),
        "Giấy chứng sinh": _paper(
            "Giấy chứng sinh",
            ["Bệnh viện Đa khoa tỉnh Lâm Đồng", f"Họ tên mẹ: {answers['ho_ten_me']}"],
            "giay-chung-sinh.pdf",
            citizen,
        ),
    }
    components = [
        ComponentInput(name=component.name, component=component, files=[stored])
        for component in version.components.all()
        for prefix, stored in papers.items()
        if component.name.startswith(prefix)
    ]
    return services.submit_online(
        actor=citizen,
        procedure_version=version,
        receiving_unit=desk,
        resolving_agency=desk,
        components=components,
        delivery=Delivery.DESK,
        summary="Đăng ký khai sinh cho con Nguyễn Minh Khang",
        form_data={"fields": answers},
        idempotency_key=KEY,
    )
