"""The DVCQG protocol over HTTP+JSON: a bearer token from ``<base>token/`` with our client id and
secret, then ``POST <base>`` with ``{"service": …, "data": [...]}`` for each service, answered
``{"error_code": 0, …}`` on success. The same client talks to the real portal (or a provincial
hub in front of it) and to the demo twin of this site; ``DVCQG_BASE_URL`` chooses."""

from __future__ import annotations

import datetime
import threading
import time

from ... import conf, schema_catalogue
from ...base import (
    BasePortal,
    Counts,
    Delivered,
    PortalAnswerInvalid,
    PortalError,
    PortalRejected,
    ProcedurePage,
)
from ...registry import register


@register
class DvcqgPortal(BasePortal):
    identifier = "dvcqg"
    name = "Cổng Dịch vụ công quốc gia (giao thức DVCQG)"

    def __init__(self) -> None:
        self._token: tuple[str, float, str] | None = None  # (token, expires, base)
        self._lock = threading.Lock()

    # --- transport ---
    # requests (through ....http) is imported when the portal is first called, not when the app
    # registers this plugin at every process's start (#18).
    def _session(self):
        from ....http import session_for

        return session_for(conf.base_url())

    def _token_for(self, session, base: str, *, fresh: bool = False) -> str:
        with self._lock:
            if (
                not fresh
                and self._token
                and self._token[2] == base
                and self._token[1] > time.time()
            ):
                return self._token[0]
        import requests

        client_id, secret = conf.credentials()
        try:
            answer = session.post(
                base + "token/",
                data={
                    "grant_type": "client_credentials",
                    "client_id": client_id,
                    "client_secret": secret,
                },
                timeout=conf.timeout(),
            )
        except requests.RequestException as error:
            raise PortalError(f"token: {type(error).__name__}: {error}") from error
        if answer.status_code in (400, 401, 403):
            raise PortalError(f"token refused: HTTP {answer.status_code}")
        body = _json(answer, "token")
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            raise PortalError("token: no access_token in the answer")
        expires = time.time() + max(int(body.get("expires_in", 300)) - 30, 30)
        with self._lock:
            self._token = (token, expires, base)
        return token

    def _call(self, body: dict, *, key: str = "", sequence: int | None = None) -> dict:
        import requests

        base = conf.base_url()
        session = self._session()
        for fresh in (False, True):
            headers = {"Authorization": f"Bearer {self._token_for(session, base, fresh=fresh)}"}
            if key:
                headers["Idempotency-Key"] = key
            if sequence is not None:
                headers["X-Sequence"] = str(sequence)
            try:
                answer = session.post(base, json=body, headers=headers, timeout=conf.timeout())
            except requests.RequestException as error:
                raise PortalError(f"{type(error).__name__}: {error}") from error
            if answer.status_code == 401 and not fresh:
                continue  # the token expired on the portal's side: one new token, once
            break
        if answer.status_code >= 500 or answer.status_code in (401, 403, 408, 429):
            raise PortalError(f"HTTP {answer.status_code}: {answer.text[:300]}")
        reply = _json(answer, body.get("service", ""))
        if answer.status_code >= 400 or reply.get("error_code") not in (0, "0"):
            details = "; ".join(str(e) for e in (reply.get("errors") or [])[:20])
            raise PortalRejected(
                error_code=reply.get("error_code"),
                message=f"HTTP {answer.status_code}, error_code {reply.get('error_code')!r}: "
                f"{str(reply.get('message', ''))[:500]}"
                + (f" ({details[:2500]})" if details else ""),
            )
        return reply

    # --- services ---
    def send(self, service: str, item: dict, *, key: str, sequence: int) -> Delivered:
        reply = self._call(
            {"service": service, "isUpdating": service == "DongBoHoSoMC", "data": [item]},
            key=key,
            sequence=sequence,
        )
        results = reply.get("result") or []
        remote = results[0].get("Id", "") if results and isinstance(results[0], dict) else ""
        return Delivered(remote_id=str(remote))

    def counts(self, day: datetime.date, unit_code: str = "") -> Counts:
        reply = self._call(
            {"service": "DoiSoatHoSo", "ngay": day.strftime("%Y%m%d"), "maDonVi": unit_code}
        )
        by_key = {}
        for row in reply.get("result", {}).get("thongKe", []):
            by_key[(row["MaDonVi"], row["MaTTHC"], int(row["TrangThaiHoSo"]))] = int(row["SoLuong"])
        codes = {
            row["MaHoSo"]: int(row["TrangThaiHoSo"])
            for row in reply.get("result", {}).get("hoSo", [])
        }
        return Counts(by_key=by_key, codes=codes)

    def lookup(self, code: str) -> dict | None:
        reply = self._call({"service": "TraCuuHoSo", "maHoSo": code})
        found = reply.get("result") or []
        return found[0] if found else None

    # --- the national procedure database ---
    def _catalogue(self, body: dict):
        """Call a read-only catalogue service and check its result against the answer schema:
        a result of the wrong shape is the portal's fault (PortalError), never written."""
        service = body["service"]
        reply = self._call(body)
        result = reply.get("result")
        problems = schema_catalogue.answer_errors(service, result)
        if problems:
            raise PortalAnswerInvalid(
                f"{service}: the answer does not match the schema: " + "; ".join(problems[:10])
            )
        return result

    def procedures(
        self, *, page: int = 1, size: int = 50, changed_since: datetime.date | None = None
    ) -> ProcedurePage:
        body = {"service": "LayDanhSachTTHC", "trang": page, "soBanGhi": size}
        if changed_since is not None:
            body["tuNgay"] = changed_since.strftime("%Y%m%d")
        result = self._catalogue(body)
        return ProcedurePage(
            total=result["TongSo"],
            page=result["Trang"],
            size=result["SoBanGhi"],
            items=list(result["DanhSach"]),
        )

    def procedure(self, code: str) -> dict | None:
        try:
            return self._catalogue({"service": "LayThuTuc", "maTTHC": code})
        except PortalRejected as error:
            if error.error_code in (1, "1"):
                return None  # the national database has no such procedure
            raise

    def agencies(self, parent_code: str | None = None) -> list[dict]:
        body = {"service": "LayDanhMucCoQuan"}
        if parent_code is not None:
            body["maCoQuanCha"] = parent_code
        return list(self._catalogue(body))

    def fields(self) -> list[dict]:
        return list(self._catalogue({"service": "LayDanhMucLinhVuc"}))


def _json(answer, what: str) -> dict:
    try:
        body = answer.json()
    except ValueError as error:
        raise PortalError(f"{what}: the answer is not JSON (HTTP {answer.status_code})") from error
    if not isinstance(body, dict):
        raise PortalError(f"{what}: the answer is not a JSON object")
    return body
