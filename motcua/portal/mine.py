"""The applicant's own dossiers: list, detail with a plain timeline, files, answering a
supplement request, withdrawing. Every lookup goes through ``dossiers.access``."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.catalog import answers
from motcua.documents.bodylimit import accepts_uploads
from motcua.documents.models import StoredFile
from motcua.documents.services import FileUnavailable, open_verified
from motcua.dossiers import access, naming, selectors, services
from motcua.dossiers.constants import ALLOWED_FROM, Action, Status
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.feedback import selectors as feedback
from motcua.notices.constants import FormKey
from motcua.payments import selectors as payments
from motcua.signatures import selectors as issued_documents

from . import actions, datastore, timeline
from .access import applicant_required
from .errors import file_unavailable
from .mine_forms import SupplementForm, WithdrawForm

PAGE_SIZE = 20
ANSWERABLE = frozenset({Status.INTAKE_SUPPLEMENT, Status.AWAITING_SUPPLEMENT})


def dossier_of(request, code: str) -> Dossier:
    """The applicant's own dossier ``code``; 404 for any other."""
    try:
        return access.get_dossier_for(
            request.user,
            code,
            Dossier.objects.select_related(
                "procedure_version__procedure", "receiving_unit", "authorisation"
            ),
        )
    except Dossier.DoesNotExist as missing:
        raise Http404(_("Không tìm thấy hồ sơ.")) from missing


def _open_request(dossier: Dossier):
    return (
        dossier.supplement_requests.filter(answered_at__isnull=True)
        .order_by("-requested_at")
        .first()
    )


def _payment_url(dossier: Dossier) -> str:
    return reverse("payments:pay", args=[dossier.code])


@applicant_required
def dossier_list(request):
    """Every dossier of the account, newest first, drafts included."""
    dossiers = (
        access.visible_to(request.user)
        .select_related("procedure_version")
        .order_by("-created_at", "-id")
    )
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/mine/list.html",
        {"page": page, "unrated": feedback.unrated_among(request.user, page.object_list)},
    )


@applicant_required
def dossier_detail(request, code: str):
    dossier = dossier_of(request, code)
    unpaid = list(dossier.fees.payable())  # a waived line (miễn) is never asked for
    return render(
        request,
        "portal/mine/detail.html",
        {
            "dossier": dossier,
            "entries": timeline.entries(dossier),
            "next_step": timeline.next_step(dossier),
            "components": dossier.components.prefetch_related("files"),
            "results": dossier.results.select_related("file"),
            "fee_rows": payments.fees_with_receipts(dossier),
            "receipts": payments.receipts_for(dossier),
            "unpaid_total": sum(fee.amount for fee in unpaid),
            "payment_url": _payment_url(dossier) if unpaid else "",
            # Form 01, the applicant's copy: once the desk has issued it.
            "receipt_form": FormKey.RECEIPT
            if dossier.received_at and issued_documents.latest_issue(dossier, FormKey.RECEIPT)
            else "",
            "transactions": payments.transactions_for(dossier),
            "supplement": _open_request(dossier) if dossier.status in ANSWERABLE else None,
            "can_withdraw": dossier.status in ALLOWED_FROM[Action.WITHDRAW],
            "answers": answers.shown_answers(dossier),
            "time_limit": selectors.time_limit_text(dossier),
            "rating": feedback.rating_prompt(request.user, dossier),
        },
    )


# The events whose attachments are the applicant's own papers (a resubmission, a supplement's
# answer). Files attached by the officers' work — a draft result, the copy a leader signed
# before the registry issues it — are internal until issued as a result.
APPLICANT_FILE_ACTIONS = (Action.RESUBMIT, Action.COMPLETE_SUPPLEMENT)


def _files_of(dossier: Dossier) -> set[int]:
    ids = set(dossier.components.values_list("files", flat=True))
    ids |= set(dossier.results.values_list("file", flat=True))
    ids |= set(
        dossier.events.filter(action__in=APPLICANT_FILE_ACTIONS).values_list(
            "attachments", flat=True
        )
    )
    ids.discard(None)
    return ids


def _send(request, stored, name: str):
    try:
        content = open_verified(stored)
    except FileUnavailable as error:
        return file_unavailable(request, error)
    response = FileResponse(content, content_type=stored.content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@applicant_required
def dossier_file(request, code: str, file_id: int):
    """A file of one's own dossier: a component, a supplement or an electronic result."""
    dossier = dossier_of(request, code)
    if file_id not in _files_of(dossier):
        raise Http404(_("Không tìm thấy tệp."))
    stored = StoredFile.objects.get(pk=file_id)
    return _send(request, stored, naming.download_name(dossier, stored))


@applicant_required
def store_file(request, file_id: int):
    """A file of one's own personal data store."""
    item = datastore.find(request.user, file_id)
    if item is None:
        raise Http404(_("Không tìm thấy tệp."))
    return _send(request, item.file, item.name)


@applicant_required
def data_store(request):
    return render(request, "portal/mine/store.html", {"items": datastore.items_for(request.user)})


@accepts_uploads
@applicant_required
@require_http_methods(["GET", "POST"])
def answer_supplement(request, code: str):
    """Send the papers a supplement request asked for."""
    dossier = dossier_of(request, code)
    supplement = _open_request(dossier) if dossier.status in ANSWERABLE else None
    if supplement is None:
        messages.info(request, _("Hồ sơ này hiện không cần bổ sung."))
        return redirect("portal:dossier", code=code)
    form = SupplementForm(
        request.POST or None,
        request.FILES or None,
        items=supplement.items,
        store_items=datastore.items_for(request.user),
        components=dossier.procedure_version.components.all(),
    )
    if request.method == "POST" and not form.is_valid():
        # The files that passed are kept: only the refused one is chosen again.
        form.keep(actions.keep_uploads(request.user, form))
    elif request.method == "POST":
        try:
            actions.answer_supplement(
                request.user,
                dossier,
                form,
                expected_version=_int(request.POST.get("version")),
                idempotency_key=f"supplement-{dossier.pk}-{supplement.pk}",
            )
        except DossierError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi giấy tờ bổ sung. Cảm ơn bạn."))
            return redirect("portal:dossier", code=code)
    return render(
        request,
        "portal/mine/supplement.html",
        {"dossier": dossier, "supplement": supplement, "form": form},
    )


@applicant_required
@require_http_methods(["GET", "POST"])
def withdraw(request, code: str):
    dossier = dossier_of(request, code)
    if dossier.status not in ALLOWED_FROM[Action.WITHDRAW]:
        messages.info(request, _("Hồ sơ này không thể rút được nữa."))
        return redirect("portal:dossier", code=code)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(
                dossier,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=_int(request.POST.get("version")),
            )
        except DossierError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Hồ sơ đã được rút."))
            return redirect("portal:dossier", code=code)
    return render(request, "portal/mine/withdraw.html", {"dossier": dossier, "form": form})


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
