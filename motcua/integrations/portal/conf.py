"""Settings of the national portal sync, read from the environment when used (tests change them).

- ``DVCQG_PLUGIN``: the plugin delivering messages (default ``dvcqg``, the portal's HTTP+JSON
  protocol); ``off`` keeps messages in the outbox without sending them.
- ``DVCQG_BASE_URL``: the portal's service address (default: the demo twin of this site).
- ``DVCQG_CLIENT_ID`` / ``DVCQG_CLIENT_SECRET``: our account at the portal. Required unless DEBUG
  is on or the tests run; only then the demo account is used.
- ``DVCQG_TIMEOUT``: seconds to wait for an answer (default 10).
- ``DVCQG_MAX_ATTEMPTS``: attempts before a message becomes a dead letter (default 48).
- ``DVCQG_BACKOFF_SECONDS`` / ``DVCQG_BACKOFF_MAX_SECONDS``: the first wait after a failure and
  the longest (defaults 30 and 3600; the wait doubles each time).
- ``DVCQG_SYNC_GRACE_HOURS``: how long after receipt a dossier's record may reach the portal and
  still count as synced on time in indicator 1.4 (default 24; the 766 text gives no figure —
  unconfirmed, configurable).
- ``DVCQG_APPLICANT_KIND_CODES``: LoaiDoiTuong for citizen, business, household business and,
  optionally, state agency (default ``0,1,2`` per domain.md §4.1, a state agency taking the
  business code; OpenCPS sends ``1,2,2`` — unconfirmed, configurable).
"""

from __future__ import annotations

import datetime
import os
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from motcua.dossiers.constants import ApplicantKind

DEMO_CLIENT_ID = "motcua-tinh-demo"
# Only ever accepted by the in-project demo portal.
DEMO_CLIENT_SECRET = "demo-dvcqg-secret-not-for-production"  # noqa: S105


def _demo_allowed() -> bool:
    return settings.DEBUG or "pytest" in sys.modules


def plugin() -> str:
    return os.environ.get("DVCQG_PLUGIN", "dvcqg")


def base_url() -> str:
    from ..http import demo_base  # requests: not at start-up (#18)

    return os.environ.get("DVCQG_BASE_URL", "") or demo_base("dvcqg")


def credentials() -> tuple[str, str]:
    client_id = os.environ.get("DVCQG_CLIENT_ID", "")
    secret = os.environ.get("DVCQG_CLIENT_SECRET", "")
    if client_id and secret:
        return client_id, secret
    if _demo_allowed():
        return DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
    raise ImproperlyConfigured(
        "DVCQG_CLIENT_ID and DVCQG_CLIENT_SECRET are not set (DEBUG is off, so the demo account "
        "is not used). Set them, or DVCQG_PLUGIN=off to keep messages in the outbox."
    )


def timeout() -> float:
    return float(os.environ.get("DVCQG_TIMEOUT", "10"))


def max_attempts() -> int:
    return int(os.environ.get("DVCQG_MAX_ATTEMPTS", "48"))


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the ``attempts``-th failure: doubling from the first wait, capped."""
    first = float(os.environ.get("DVCQG_BACKOFF_SECONDS", "30"))
    longest = float(os.environ.get("DVCQG_BACKOFF_MAX_SECONDS", "3600"))
    return datetime.timedelta(seconds=min(first * 2 ** max(attempts - 1, 0), longest))


def sync_grace() -> datetime.timedelta:
    return datetime.timedelta(hours=float(os.environ.get("DVCQG_SYNC_GRACE_HOURS", "24")))


def applicant_kind_code(kind: str) -> int:
    """LoaiDoiTuong. A state agency is an organisation: it takes the business code unless a
    fourth code is configured for it (the portal's list names no separate kind)."""
    codes = [int(c) for c in os.environ.get("DVCQG_APPLICANT_KIND_CODES", "0,1,2").split(",")]
    if len(codes) < 4:
        codes.append(codes[1])
    order = [
        ApplicantKind.CITIZEN,
        ApplicantKind.BUSINESS,
        ApplicantKind.HOUSEHOLD_BUSINESS,
        ApplicantKind.STATE_AGENCY,
    ]
    return codes[order.index(kind)] if kind in order else codes[0]


def online_payment_channel(dossier) -> int:
    """DuocThanhToanTrucTuyen: 1 paid through the national platform, 2 through a ministry or
    province gateway, 0 not paid online (the payments app tells which gateway took the money)."""
    from motcua.payments.selectors import online_payment_channel as channel_of

    return channel_of(dossier) or 0


def result_link(result) -> str:
    """DuongDanTepTinKetQua: the public page where the e-result is verified and downloaded."""
    from motcua.signatures.models import IssuedDocument

    from ..http import site_url

    issued = IssuedDocument.objects.filter(file_id=result.file_id).only("token").first()
    if issued is not None:
        from motcua.signatures.qr import verification_url

        return verification_url(issued.token)
    return f"{site_url()}/track/?code={result.dossier.code}"
