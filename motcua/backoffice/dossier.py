"""The dossier page: everything about one dossier on one screen, with the actions its reader may
take now, and the dossier's files served to those who may see it."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin

from motcua.audit import services as audit
from motcua.documents.models import StoredFile
from motcua.documents.services import FileUnavailable, open_verified
from motcua.dossiers import clock, folding, naming
from motcua.dossiers.access import capacity_for, get_dossier_for, note_refusal
from motcua.dossiers.constants import Action, Status
from motcua.dossiers.errors import NotPermitted
from motcua.dossiers.holding import holding
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import time_limit_text
from motcua.notices import services as notices
from motcua.payments import selectors as payments
from motcua.portal.errors import file_unavailable
from motcua.reports.dashboard import early_warning

from . import actions, answers, dossier_reads, selectors, uploads
from .access import officer_required

# Official forms (notices) worth a link in each state.
NOTICES_BY_STATE = {
    Status.INTAKE_SUPPLEMENT: ["supplement"],
    Status.REFUSED_AT_INTAKE: ["refusal"],
    Status.STOPPED: ["stop"],
}


def _notice_keys(dossier: Dossier) -> list[str]:
    keys = []
    if dossier.received_at is not None:
        keys += ["receipt", "control_slip"]
    keys += NOTICES_BY_STATE.get(dossier.status, [])
    if dossier.status == Status.AWAITING_SUPPLEMENT:
        keys.append("supplement")
    if dossier.reappointments.all():
        keys.append("apology")
    return keys


def _steps(dossier: Dossier, calendar) -> list[dict]:
    return [
        {"step": step, "punctuality": clock.step_punctuality(step, calendar)}
        for step in sorted(dossier.steps.all(), key=lambda s: s.order)
    ]


def _appointment_preview(dossier: Dossier, calendar):
    """For an online dossier waiting for the check: the appointment time if accepted now."""
    if dossier.status not in (Status.SUBMITTED, Status.INTAKE_SUPPLEMENT):
        return None
    if dossier.term is None:
        return None
    return clock.appointment(
        dossier.term, dossier.procedure_version.cutoff_time, calendar, timezone.now()
    )


def _takes_cash(user, dossier) -> bool:
    """Lines still to pay (a waived one never is) and a desk officer of the receiving desk:
    cash can be taken here."""
    if dossier.is_terminal or not any(fee.is_payable for fee in dossier.fees.all()):
        return False
    try:
        capacity_for(user, dossier, Action.CONFIRM_PAYMENT)
    except NotPermitted:
        return False
    return True


def render_page(request, code: str, *, failed=None, status: int = 200):
    try:
        dossier = dossier_reads.dossier_page(request.user, code)
    except Dossier.DoesNotExist as missing:
        note_refusal(request.user, code)
        raise Http404 from missing
    audit.note_read(request.user, "view_dossier", dossier)
    calendar = clock.calendar_of(dossier)
    events = sorted(dossier.events.all(), key=lambda e: e.sequence)
    action_forms = []
    offered = actions.offered(request.user, dossier)
    # The correction of the form's answers is offered beside the answers, not in the list.
    correction = next((s for s in offered if s.action == Action.CORRECT_ANSWERS), None)
    for spec in offered:
        if spec is correction:
            continue
        if failed and failed[0] == spec.action:
            form = failed[1]
        else:
            form = spec.build(dossier, request.user)
        action_forms.append(
            {"spec": spec, "form": form, "open": bool(failed and failed[0] == spec.action)}
        )
    shown = {item["spec"].action for item in action_forms} | {correction and correction.action}
    failed_hidden = failed and failed[0] not in shown
    notice_keys = _notice_keys(dossier)
    context = {
        "dossier": dossier,
        "badge": selectors.due_badge(dossier, horizon=early_warning.horizon(calendar=calendar)),
        "holding": holding(dossier),
        "steps": _steps(dossier, calendar),
        "events": events,
        # Repeated draft saves are one line of the history (dossiers.folding).
        "history": folding.fold(events),
        "action_forms": action_forms,
        # A refused action no longer offered (e.g. forced by URL) still shows its message.
        "failed_form": failed[1] if failed_hidden else None,
        "notice_keys": notice_keys,
        # Who may issue a form does it by POST; the others open what was issued (#17 item 6).
        "issuable_keys": [k for k in notice_keys if notices.may_issue(request.user, dossier, k)],
        "legal": clock.legal_punctuality(dossier, calendar=calendar),
        "preview": _appointment_preview(dossier, calendar),
        "cash_desk": _takes_cash(request.user, dossier),
        "form_section": answers.section(dossier, correction=correction, failed=failed),
        "time_limit": time_limit_text(dossier, term=dossier.term),
        "fee_rows": payments.fees_with_receipts(dossier),
        "portal_sync": dossier.sync,
    }
    return render(request, "backoffice/dossier.html", context, status=status)


@officer_required
def dossier_page(request, code: str):
    return render_page(request, code)


@officer_required
@xframe_options_sameorigin
def dossier_file(request, code: str, file_id: int):
    """A file of the dossier, inline (PDF and images open in the browser's viewer), and
    frameable by our own pages only: the dossier page shows it in its inline viewer."""
    try:
        dossier = get_dossier_for(request.user, code)
    except Dossier.DoesNotExist as missing:
        raise Http404 from missing
    if not selectors.dossier_has_file(dossier, file_id):
        raise Http404
    stored = StoredFile.objects.get(pk=file_id)
    try:
        content = open_verified(stored)
    except FileUnavailable as error:
        return file_unavailable(request, error)
    # Identity scans and every other paper of the applicant: each opening is recorded.
    audit.note_read(request.user, "view_file", stored, dossier=dossier)
    # Only the accepted document types open inline; anything else is downloaded.
    viewable = stored.content_type in uploads.ACCEPTED_TYPES
    response = FileResponse(
        content,
        content_type=stored.content_type if viewable else "application/octet-stream",
        as_attachment=not viewable,
        filename=naming.download_name(dossier, stored),
    )
    response["X-Content-Type-Options"] = "nosniff"
    # The modern form of X-Frame-Options SAMEORIGIN, for browsers that read only CSP.
    response["Content-Security-Policy"] = "frame-ancestors 'self'"
    return response
