"""The demo national portal's endpoints (see the package docstring)."""

from __future__ import annotations

import datetime
import json
import os
import secrets
import time

from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ...models import (
    DemoFailure,
    DemoPortalDelivery,
    DemoPortalDossier,
    DemoPortalProgress,
    DemoPortalSwitch,
)
from .. import conf, schema
from ..national_labels import status_label
from . import national

TOKEN_SALT = "motcua.integrations.demo-dvcqg.token"  # noqa: S105 (a salt, not a secret)
TOKEN_SECONDS = 3600


def enabled() -> bool:
    """The twin answers in development and tests, or when DEMO_DVCQG_ENABLED says so."""
    flag = os.environ.get("DEMO_DVCQG_ENABLED", "")
    if flag:
        return flag.lower() in {"1", "true", "yes"}
    return conf._demo_allowed()


def failure() -> str:
    mode = os.environ.get("DEMO_DVCQG_FAIL", "")
    if mode:
        return mode
    switch = DemoPortalSwitch.objects.first()
    return switch.failure if switch else DemoFailure.NONE


def _problem(status: int, code: int, message: str, **extra) -> JsonResponse:
    return JsonResponse(
        {"error_code": code, "message": message, **extra},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def _require_enabled():
    if not enabled():
        raise Http404("demo portal disabled")


@csrf_exempt
@require_POST
def token(request):
    """Client credentials → a bearer token valid for an hour."""
    _require_enabled()
    client_id = request.POST.get("client_id", "")
    secret = request.POST.get("client_secret", "")
    if request.POST.get("grant_type") != "client_credentials":
        return _problem(400, -1, "grant_type must be client_credentials")
    if not (
        secrets.compare_digest(client_id, conf.DEMO_CLIENT_ID)
        and secrets.compare_digest(secret, conf.DEMO_CLIENT_SECRET)
    ):
        return _problem(401, -1, "Sai tài khoản kết nối.")
    value = signing.dumps({"client": client_id}, salt=TOKEN_SALT)
    return JsonResponse(
        {"access_token": value, "token_type": "Bearer", "expires_in": TOKEN_SECONDS}
    )


def _authorised(request) -> bool:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return False
    try:
        signing.loads(header[7:], salt=TOKEN_SALT, max_age=TOKEN_SECONDS)
    except signing.BadSignature:
        return False
    return True


@csrf_exempt
def service(request):
    """``POST`` one service call; ``GET`` (staff only) the page of what the portal holds."""
    _require_enabled()
    if request.method == "GET":
        return holdings(request)
    if request.method != "POST":
        return _problem(405, -1, "Method not allowed")
    if not _authorised(request):
        return _problem(401, -1, "Thiếu hoặc sai mã truy cập (Bearer).")
    mode = failure()
    if mode == DemoFailure.ERROR:
        return HttpResponse("Internal Server Error (demo failure)", status=500)
    if mode == DemoFailure.MALFORMED:
        return HttpResponse("<html><body>Bad gateway</body></html>", content_type="text/html")
    try:
        body = json.loads(request.body or b"")
    except ValueError:
        return _problem(400, -1, "Nội dung không phải JSON.")
    if not isinstance(body, dict):
        return _problem(400, -1, "Nội dung phải là một đối tượng JSON.")
    name = body.get("service", "")
    problems = schema.errors(name, body)
    if problems:
        return _problem(400, 2, "Dữ liệu không hợp lệ.", errors=problems[:50])
    answer = _apply(name, body, request.headers.get("Idempotency-Key", ""), request.headers)
    if mode == DemoFailure.TIMEOUT:
        # Applied, but the answer comes too late: the sender must retry, and the retry must be
        # applied once.
        time.sleep(float(os.environ.get("DEMO_DVCQG_DELAY", "15")))
    return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})


def _apply(name: str, body: dict, key: str, headers) -> dict:
    if name in national.SERVICES:
        return national.answer(name, body)
    if name == "DoiSoatHoSo":
        return _reconciliation(body)
    if name == "TraCuuHoSo":
        found = DemoPortalDossier.objects.filter(code=body["maHoSo"]).first()
        return {
            "error_code": 0,
            "result": [found.record | {"Id": found.portal_id}] if found else [],
        }
    if key:
        done = DemoPortalDelivery.objects.filter(key=key).first()
        if done is not None:
            return done.answer
    try:
        sequence = int(headers.get("X-Sequence", "0"))
    except ValueError:
        sequence = 0
    try:
        with transaction.atomic():
            if name == "DongBoHoSoMC":
                result = [_store_record(item, sequence) for item in body["data"]]
            else:
                result = [_store_progress(item, sequence) for item in body["data"]]
            answer = {"error_code": 0, "message": "Thành công", "result": result}
            if key:
                DemoPortalDelivery.objects.create(key=key, service=name, answer=answer)
    except IntegrityError:  # the same key raced in twice: the first one's answer stands
        done = DemoPortalDelivery.objects.filter(key=key).first()
        if done is None:
            raise
        return done.answer
    return answer


def _received_on(stamp: str) -> datetime.date | None:
    return datetime.datetime.strptime(stamp[:8], "%Y%m%d").date() if stamp else None


def _store_record(item: dict, sequence: int) -> dict:
    found = DemoPortalDossier.objects.select_for_update().filter(code=item["MaHoSo"]).first()
    if found is None:
        found = DemoPortalDossier.objects.create(
            code=item["MaHoSo"],
            portal_id="DVCQG-" + secrets.token_hex(6).upper(),
            unit_code=item.get("MaDonVi", ""),
            procedure_code=item["MaTTHC"],
            status=item["TrangThaiHoSo"],
            received_on=_received_on(item["NgayTiepNhan"]),
            record=item,
            last_sequence=sequence,
        )
        return {"MaHoSo": found.code, "Id": found.portal_id}
    if sequence and sequence < found.last_sequence:
        found.out_of_order += 1  # an older record after a newer one: kept out, and counted
        found.save(update_fields=["out_of_order", "updated_at"])
        return {"MaHoSo": found.code, "Id": found.portal_id}
    found.record = item
    found.status = item["TrangThaiHoSo"]
    found.unit_code = item.get("MaDonVi", "")
    found.procedure_code = item["MaTTHC"]
    found.received_on = _received_on(item["NgayTiepNhan"])
    found.updates += 1
    found.last_sequence = max(found.last_sequence, sequence)
    found.save()
    return {"MaHoSo": found.code, "Id": found.portal_id}


def _store_progress(item: dict, sequence: int) -> dict:
    dossier = DemoPortalDossier.objects.filter(code=item["MaHoSo"]).first()
    if dossier is not None and sequence and sequence < dossier.last_sequence:
        dossier.out_of_order += 1
        dossier.save(update_fields=["out_of_order", "updated_at"])
    elif dossier is not None and sequence:
        dossier.last_sequence = sequence
        dossier.save(update_fields=["last_sequence", "updated_at"])
    row = DemoPortalProgress.objects.create(
        dossier=dossier,
        code=item["MaHoSo"],
        status=item["TrangThai"],
        at=item["ThoiDiemXuLy"],
        item=item,
        sequence=sequence,
    )
    return {"MaHoSo": item["MaHoSo"], "Id": f"TD-{row.pk}"}


def _reconciliation(body: dict) -> dict:
    day = datetime.datetime.strptime(body["ngay"], "%Y%m%d").date()
    held = DemoPortalDossier.objects.filter(received_on=day)
    if body.get("maDonVi"):
        held = held.filter(unit_code=body["maDonVi"])
    counts = (
        held.values("unit_code", "procedure_code", "status")
        .annotate(n=Count("id"))
        .order_by("unit_code", "procedure_code", "status")
    )
    return {
        "error_code": 0,
        "result": {
            "thongKe": [
                {
                    "MaDonVi": row["unit_code"],
                    "MaTTHC": row["procedure_code"],
                    "TrangThaiHoSo": row["status"],
                    "SoLuong": row["n"],
                }
                for row in counts
            ],
            "hoSo": [
                {"MaHoSo": code, "TrangThaiHoSo": status}
                for code, status in held.values_list("code", "status").order_by("code")
            ],
        },
    }


@staff_member_required
def holdings(request):
    """What the demo portal holds, as its operators would see it (staff only: personal data)."""
    query = request.GET.get("q", "").strip()[:50]
    dossiers = DemoPortalDossier.objects.annotate(steps=Count("progress"))
    if query:
        dossiers = dossiers.filter(code__icontains=query)
    rows = [
        {
            "code": d.code,
            "portal_id": d.portal_id,
            "status": d.status,
            "status_label": status_label(d.status),
            "unit": d.record.get("DonViXuLy", ""),
            "procedure": d.record.get("TenTTHC", ""),
            "received": d.record.get("NgayTiepNhan", ""),
            "updates": d.updates,
            "steps": d.steps,
            "out_of_order": d.out_of_order,
            "updated_at": d.updated_at,
        }
        for d in dossiers[:200]
    ]
    return render(
        request,
        "integrations/demo_portal.html",
        {
            "rows": rows,
            "query": query,
            "total": DemoPortalDossier.objects.count(),
            "failure": failure(),
        },
    )
