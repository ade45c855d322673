"""The demo platform's callback sender: a real HTTP POST of the signed result to the partner's
UrlThongBao (answered in-process when it is this site), retried with backoff until the partner
acknowledges it (MaLoi 00, or 02 already recorded)."""

from __future__ import annotations

import datetime
import json

from django.utils import timezone
from django_tasks import task

ATTEMPTS = 6
BACKOFF = datetime.timedelta(minutes=1)  # 1, 2, 4, 8, 16 minutes between attempts
ACKNOWLEDGED = {"00", "02"}


@task()
def send_callback(bill_id: int) -> str:
    import requests

    from motcua.integrations.http import session_for

    from .models import PaygovBill
    from .platform import result

    bill = PaygovBill.objects.get(pk=bill_id)
    if bill.callback_acknowledged_at is not None:
        return "already acknowledged"
    url = bill.request["UrlThongBao"]
    body = json.dumps(result(bill), ensure_ascii=False).encode()
    try:
        response = session_for(url).post(
            url, data=body, headers={"Content-Type": "application/json"}, timeout=10
        )
        answer = response.json()
        code = str(answer.get("MaLoi", "")) if isinstance(answer, dict) else ""
        text = f"HTTP {response.status_code} {code} {answer.get('MoTa', '') if code else ''}"
    except (requests.RequestException, ValueError) as error:
        code, text = "", f"{type(error).__name__}: {error}"
    bill.callback_attempts += 1
    bill.callback_answer = text.strip()[:255]
    if code in ACKNOWLEDGED:
        bill.callback_acknowledged_at = timezone.now()
    bill.save(update_fields=["callback_attempts", "callback_answer", "callback_acknowledged_at"])
    if bill.callback_acknowledged_at is None and bill.callback_attempts < ATTEMPTS:
        delay = BACKOFF * 2 ** (bill.callback_attempts - 1)
        send_callback.using(run_after=timezone.now() + delay).enqueue(bill.pk)
    return code or "no answer"
