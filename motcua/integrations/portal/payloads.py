"""What the national portal receives (domain.md §4.3): the dossier's record (``DongBoHoSoMC``)
as it stands, and one processing step (``CapNhatTienDoHoSoMC``) as its event recorded it.

Dates are ``yyyyMMddHHmmss`` in Vietnam time, as the portal's services take them; an unknown date
is the empty string. Codes whose reading the domain reference leaves open are settings (``conf``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from motcua.catalog.constants import NATIONAL_CHANNEL_CODE, Channel, FeeKind, FeeStage
from motcua.dossiers.constants import Action, Delivery, FileOrigin, SourceDatabase
from motcua.dossiers.models import Dossier, Event
from motcua.dossiers.national import national_status
from motcua.dossiers.services import identity_code_of

from . import conf

# HinhThucThu (domain.md §4.1): 1 at receipt, 2 at supplement, 4 at return.
FEE_STAGE_CODE = {FeeStage.AT_RECEIPT: 1, FeeStage.AT_SUPPLEMENT: 2, FeeStage.AT_RETURN: 4}
# LoaiPhiLePhi: 1 phí, 2 lệ phí.
FEE_KIND_CODE = {FeeKind.FEE: 1, FeeKind.CHARGE: 2}
# MaCSDL of the national population database when a component came from it.
POPULATION_DATABASE = SourceDatabase.POPULATION


def stamp(moment: datetime.datetime | None) -> str:
    """``yyyyMMddHHmmss`` in Vietnam time; '' for no date."""
    return timezone.localtime(moment).strftime("%Y%m%d%H%M%S") if moment else ""


def _flag(value: bool) -> int:
    return 1 if value else 0


def load(dossier_id: int) -> Dossier:
    """The dossier with everything its record reads, in a handful of queries."""
    return (
        Dossier.objects.select_related(
            "procedure_version__procedure",
            "procedure_version__field",
            "resolving_agency",
            "receiving_unit",
            "applicant",
        )
        .prefetch_related(
            "fees", "components__files", "results", "supplement_requests__requested_by"
        )
        .get(pk=dossier_id)
    )


def dossier_record(dossier: Dossier, *, online_payment: int | None = None) -> dict:
    """The ``DongBoHoSoMC`` record of ``dossier`` as it stands now."""
    version = dossier.procedure_version
    sector = version.field
    code = national_status(dossier.status)
    fees = list(dossier.fees.all())
    components = list(dossier.components.all())
    results = list(dossier.results.all())
    if online_payment is None:
        online_payment = conf.online_payment_channel(dossier)
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": version.procedure.code,
        "TenTTHC": version.name,
        "MaLinhVuc": sector.code if sector else "",
        "TenLinhVuc": sector.name if sector else "",
        "KenhThucHien": NATIONAL_CHANNEL_CODE[dossier.channel],
        "ChuHoSo": dossier.applicant_name,
        "LoaiDoiTuong": conf.applicant_kind_code(dossier.applicant_kind),
        "MaDoiTuong": dossier.applicant_id_number,
        "Email": getattr(dossier.applicant, "email", "") or "",
        "Fax": "",
        "SoDienThoai": dossier.applicant_phone,
        "TrichYeuHoSo": dossier.summary or version.name,
        "NgayTiepNhan": stamp(dossier.received_at),
        "NgayHenTra": stamp(dossier.due_at),
        "TrangThaiHoSo": int(code) if code is not None else None,
        "NgayTra": stamp(dossier.returned_at),
        "NgayKetThucXuLy": stamp(dossier.finished_at),
        "HinhThuc": _flag(dossier.delivery == Delivery.POST or dossier.channel == Channel.POSTAL),
        "MaDonVi": identity_code_of(dossier.resolving_agency),
        "DonViXuLy": dossier.resolving_agency.name,
        "GhiChu": "",
        "TaiKhoanDuocXacThucVoiVNeID": _flag(dossier.vneid_verified),
        # The national database the applicant's data came from (766 4.5a/b), '' when typed.
        "MaCSDL": dossier.applicant_data_source,
        "HoSoCoThanhPhanSoHoa": _flag(any(c.digitized for c in components)),
        "DuocThanhToanTrucTuyen": online_payment,
        "DanhSachLePhi": [
            {
                "TenPhiLePhi": fee.name,
                "MaPhiLePhi": fee.code,
                "HinhThucThu": FEE_STAGE_CODE.get(fee.stage, 1),
                "Gia": int(fee.amount or Decimal(0)),
                "LoaiPhiLePhi": FEE_KIND_CODE.get(fee.kind, 2),
                "TrangThaiThanhToan": _flag(fee.paid_at is not None),
            }
            for fee in fees
        ],
        "DanhSachTepDinhKemKhac": [],
        "DanhSachHoSoBoSung": _supplements(dossier),
        "DanhSachGiayToKetQua": [
            {
                "TenGiayTo": result.name,
                "MaThanhPhanHoSo": "",
                "GiayToId": result.code,
                "MaKetQua": result.code,
                "DuongDanTepTinKetQua": conf.result_link(result) if result.file_id else "",
            }
            for result in results
        ],
        "TaiLieuNop": [
            {
                "TenTepDinhKem": component.name,
                "MaThanhPhanHoSo": str(component.component_id or ""),
                "TepDinhKemId": str(component.pk),
                "DuongDanTaiTepTin": "",
                "IsDeleted": 0,
                "DuocSoHoa": _flag(component.digitized),
                "DuocLayTuKhoDMQG": _flag(component.reused),
                "MaCSDL": _source_database(component),
            }
            for component in components
        ],
    }


def _source_database(component) -> str:
    if component.source_database:
        return component.source_database
    return POPULATION_DATABASE if component.origin == FileOrigin.NATIONAL_DATABASE else ""


def _supplements(dossier: Dossier) -> list[dict]:
    """Each supplement request with the appointment before it and the one after the answer
    (NgayHenTraTruoc / NgayHenTraMoi), read from the events that asked and answered."""
    requests = list(dossier.supplement_requests.all())
    if not requests:
        return []
    events = list(
        Event.objects.filter(
            dossier=dossier,
            action__in=[
                Action.REQUEST_SUPPLEMENT,
                Action.REQUEST_INTAKE_SUPPLEMENT,
                Action.COMPLETE_SUPPLEMENT,
                Action.RESUBMIT,
            ],
        )
        .order_by("sequence")
        .only("action", "at", "due_at")
    )
    answers = {Action.COMPLETE_SUPPLEMENT, Action.RESUBMIT}
    items = []
    for request in requests:
        asked = next(
            (e for e in events if e.at >= request.requested_at and e.action not in answers), None
        )
        answered = next(
            (
                e
                for e in events
                if request.answered_at and e.at >= request.answered_at and e.action in answers
            ),
            None,
        )
        before = asked.due_at if asked else None
        items.append(
            {
                "HoSoBoSungId": str(request.pk),
                "NguoiYeuCauBoSung": request.requested_by.get_full_name(),
                "NoiDungBoSung": "; ".join(
                    str(item.get("name", ""))
                    for item in (request.items or [])
                    if isinstance(item, dict)
                ),
                "NgayBoSung": stamp(request.requested_at),
                "NguoiTiepNhanBoSung": "",
                "NgayTiepNhanBoSung": stamp(request.answered_at),
                "TrangThaiBoSung": _flag(request.answered_at is not None),
                "DanhSachGiayToBoSung": [
                    str(item.get("name", ""))
                    for item in (request.items or [])
                    if isinstance(item, dict)
                ],
                "DanhSachLePhiBoSung": [],
                "NgayHenTraTruoc": stamp(before),
                "NgayHenTraMoi": stamp(answered.due_at if answered else None),
            }
        )
    return items


def progress_item(event: Event) -> dict:
    """The ``CapNhatTienDoHoSoMC`` item of one event, from the event alone (it never changes)."""
    code = national_status(event.to_status, timezone.localtime(event.at).date())
    actor = event.actor
    step = event.step
    return {
        "MaHoSo": event.dossier.code,
        "NguoiXuLy": actor.get_full_name() if actor else "Hệ thống",
        "ChucDanh": event.get_actor_role_display() if event.actor_role else "",
        "ThoiDiemXuLy": stamp(event.at),
        "PhongBanXuLy": event.actor_unit.name if event.actor_unit_id else "",
        "NoiDungXuLy": (event.get_action_display() + (f": {event.reason}" if event.reason else ""))[
            :2000
        ],
        "TrangThai": int(code) if code is not None else None,
        "NgayBatDau": stamp(step.started_at) if step else "",
        "NgayKetThucTheoQuyDinh": stamp(step.due_at) if step else stamp(event.due_at),
    }
