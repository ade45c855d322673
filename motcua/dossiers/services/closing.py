"""Ending a dossier early: stopping processing, withdrawal at the applicant's request."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from ..constants import NOT_YET_ACCEPTED, Action, Outcome, Status
from ..models import Dossier
from ._core import Change, perform, require_text


def _close_pauses(locked: Dossier, now: datetime.datetime) -> None:
    locked.pauses.filter(ended_at__isnull=True).update(ended_at=now)


def stop(
    dossier: Dossier,
    *,
    actor,
    reason: str,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Stop processing (dừng giải quyết; Form 05 of TT 03/2025), with the reason. It ends the
    processing time (NgayKetThucXuLy)."""
    text = require_text(reason, _("Thông báo dừng giải quyết phải nêu rõ lý do."), "no_reason")

    def apply(locked, capacity, now):
        _close_pauses(locked, now)
        locked.outcome = Outcome.STOPPED
        locked.finished_at = now
        return Change(locked, Status.STOPPED, reason=text)

    return perform(
        Action.STOP,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def withdraw(
    dossier: Dossier,
    *,
    actor,
    reason: str = "",
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Withdraw at the applicant's request (rút hồ sơ): online by the applicant, or recorded by
    the desk from a written request. An accepted dossier counts as processed from now."""

    def apply(locked, capacity, now):
        _close_pauses(locked, now)
        locked.outcome = Outcome.WITHDRAWN
        if locked.status not in NOT_YET_ACCEPTED:
            locked.finished_at = now
        return Change(locked, Status.WITHDRAWN, reason=reason)

    return perform(
        Action.WITHDRAW,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )
