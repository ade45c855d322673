"""motcua's client of the demo postal operator: HTTP + JSON through
``integrations.http.session_for``; every answer is checked against the protocol's schema, and
every transport or format failure becomes an ``OperatorError`` with a plain reason."""

from __future__ import annotations

import json
import time
from decimal import Decimal

from motcua.integrations.postal import conf
from motcua.integrations.postal.base import (
    BaseOperator,
    InvalidCallback,
    OperatorError,
    OperatorRefused,
    OrderAnswer,
    OrderRequest,
    TrackEvent,
    TrackReport,
)
from motcua.integrations.postal.registry import register

from . import protocol as p


def _report(data: dict) -> TrackReport:
    return TrackReport(
        tracking_code=data["tracking_code"],
        status=data["status"],
        events=[
            TrackEvent(
                event_id=e["id"],
                status=e["status"],
                at=p.parse_time(e["at"]),
                place=e.get("place", ""),
                note=e.get("note", ""),
            )
            for e in data["events"]
        ],
    )


@register
class DemoOperator(BaseOperator):
    identifier = "demo"
    verbose_name = "Bưu điện demo"

    def _call(self, method: str, path: str, payload: dict | None = None) -> tuple[int, dict]:
        # requests: imported at the first call, not when the plugin registers at start-up (#18)
        import requests

        from motcua.integrations.http import session_for

        base = conf.demo_base_url()
        url = base.rstrip("/") + "/" + path.lstrip("/")
        headers = {
            p.CLIENT_HEADER: conf.demo_client_id(),
            "Authorization": f"Bearer {conf.demo_api_key()}",
            "Accept": "application/json",
        }
        body = p.dumps(payload) if payload is not None else None
        if body is not None:
            headers["Content-Type"] = "application/json"
        try:
            answer = session_for(base).request(
                method, url, data=body, headers=headers, timeout=conf.timeout()
            )
        except requests.Timeout as error:
            raise OperatorError("bưu điện không trả lời (quá thời gian chờ)") from error
        except requests.RequestException as error:
            raise OperatorError(
                f"không kết nối được bưu điện ({error.__class__.__name__})"
            ) from error
        if answer.status_code == 504:
            raise OperatorError("bưu điện không trả lời (quá thời gian chờ)")
        if answer.status_code >= 500:
            raise OperatorError(f"bưu điện báo lỗi máy chủ (HTTP {answer.status_code})")
        try:
            data = answer.json()
        except ValueError as error:
            raise OperatorError("bưu điện trả lời sai định dạng (không phải JSON)") from error
        if not isinstance(data, dict):
            raise OperatorError("bưu điện trả lời sai định dạng")
        if answer.status_code == 401:
            raise OperatorError("bưu điện từ chối thông tin xác thực của motcua (HTTP 401)")
        if answer.status_code >= 400:
            error = data.get("error") or {}
            details = "; ".join(error.get("details") or [])
            message = error.get("message", f"HTTP {answer.status_code}")
            raise OperatorRefused(f"{message} {details}".strip())
        return answer.status_code, data

    @staticmethod
    def _checked(data: dict, schema: dict) -> dict:
        found = p.problems(data, schema)
        if found:
            raise OperatorError("bưu điện trả lời sai định dạng: " + "; ".join(found[:3]))
        return data

    def create_order(self, request: OrderRequest) -> OrderAnswer:
        payload = {
            "reference": request.reference,
            "service": request.direction,
            "recipient": {
                "name": request.recipient_name,
                "phone": request.phone,
                "address": request.address,
            },
            "item": {"description": request.item},
            "cod_amount": int(request.cod_amount or 0),
        }
        if request.callback_url:
            payload["callback_url"] = request.callback_url
        _status, data = self._call("POST", "orders/", payload)
        data = self._checked(data, p.ORDER_ANSWER)
        try:
            accepted_at = p.parse_time(data["accepted_at"])
        except ValueError as error:
            raise OperatorError("bưu điện trả lời sai định dạng thời gian") from error
        return OrderAnswer(
            tracking_code=data["tracking_code"],
            fee=Decimal(data["fee"]),
            status=data["status"],
            accepted_at=accepted_at,
        )

    def track(self, tracking_code: str) -> TrackReport:
        _status, data = self._call("GET", f"orders/{tracking_code}/")
        try:
            return _report(self._checked(data, p.TRACK_ANSWER))
        except ValueError as error:
            raise OperatorError("bưu điện trả lời sai định dạng thời gian") from error

    def cancel(self, tracking_code: str) -> None:
        _status, data = self._call("POST", f"orders/{tracking_code}/cancel/", {})
        self._checked(data, p.CANCEL_ANSWER)

    def parse_callback(self, body: bytes, headers) -> TrackReport:
        timestamp = headers.get(p.TIMESTAMP_HEADER, "")
        signature = headers.get(p.SIGNATURE_HEADER, "")
        if not timestamp.isdigit() or not signature:
            raise InvalidCallback("missing timestamp or signature", signature=True)
        if not p.verify(conf.demo_callback_secret(), timestamp, body, signature):
            raise InvalidCallback("bad signature", signature=True)
        if abs(time.time() - int(timestamp)) > conf.callback_max_age():
            raise InvalidCallback("timestamp outside the replay window", signature=True)
        try:
            data = json.loads(body)
        except ValueError as error:
            raise InvalidCallback("not JSON") from error
        found = p.problems(data, p.CALLBACK)
        if found:
            raise InvalidCallback("; ".join(found[:3]))
        try:
            return _report(data)
        except ValueError as error:
            raise InvalidCallback("bad time") from error
