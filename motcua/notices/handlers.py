"""The subscriber to dossier events (registered in ``NoticesConfig.ready``): the receipt of an
online dossier is issued by the system when the desk accepts it.

Issuing is never a side effect of opening a page (issue #17 item 6), yet the applicant of an
online dossier must find the Giấy tiếp nhận hồ sơ và hẹn trả kết quả (TT 01/2018 Form 01) on their
page as soon as the desk has accepted the dossier, without waiting for someone to press
"Phát hành". So the acceptance's own event issues it, through the task queue after commit, sealed
by the receiving unit as the desk's button would. Walk-in and postal dossiers are issued by the
desk officer at the counter, who prints them there."""

from __future__ import annotations

from django.db import transaction

from motcua.catalog.constants import Channel
from motcua.dossiers.constants import Action

from .builders import NoticeUnavailable
from .constants import FormKey
from .services import issue_notice


def on_dossier_event(event) -> None:
    """Idempotent: a receipt already issued (by the desk or an earlier run) is left as it is."""
    dossier = event.dossier
    if event.action != Action.ACCEPT or dossier.channel != Channel.ONLINE:
        return
    with transaction.atomic():
        try:
            # The receipt is issued once (Reissue.ONCE): issue_notice hands back a copy already
            # issued, by the desk or by an earlier run of this task, instead of a second one.
            issue_notice(dossier, FormKey.RECEIPT)
        except NoticeUnavailable:  # the dossier moved on to a state without a receipt
            return
