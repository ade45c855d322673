"""Public pages: published answers, likes and dislikes, and the feedback form (signed in or
not)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.catalog import selectors as catalog
from motcua.dossiers.access import get_dossier_for
from motcua.dossiers.models import Dossier

from .. import selectors, services, tracking
from ..constants import Vote
from ..errors import FeedbackError
from ..forms import FeedbackForm, ProcedureSearchForm
from ..models import Feedback
from ._shared import refused


def published(request):
    """Answers the agencies have made public."""
    page = Paginator(selectors.published_answers(), 20).get_page(request.GET.get("page"))
    return render(request, "feedback/published.html", {"page": page})


def _published_or_404(code):
    try:
        return selectors.published_answers().get(code=code)
    except Feedback.DoesNotExist:
        raise Http404 from None


def answer_detail(request, code):
    feedback = _published_or_404(code)
    return render(
        request, "feedback/answer_detail.html", {"feedback": feedback, "votes": Vote.choices}
    )


@require_POST
def vote(request, code):
    """Like or dislike a published answer: once per account, or per browser session."""
    feedback = _published_or_404(code)
    try:
        services.vote(
            feedback,
            actor=request.user,
            voter=services.voter_key(request),
            choice=request.POST.get("vote", ""),
        )
        messages.success(request, _("Cảm ơn bạn đã bày tỏ ý kiến."))
    except FeedbackError as error:
        refused(request, error)
    return redirect("feedback:answer_detail", code=feedback.code)


def _subject(request):
    """(dossier, procedure, version) named in the query string, 404 when not allowed."""
    dossier_code = request.GET.get("dossier", "").strip()
    if dossier_code:
        try:
            dossier = get_dossier_for(request.user, dossier_code)
        except Dossier.DoesNotExist:
            raise Http404 from None
        return dossier, dossier.procedure_version.procedure, None
    procedure_code = request.GET.get("procedure", "").strip()
    if procedure_code:
        version = catalog.published_version_on(procedure_code)
        if version is None:
            raise Http404
        return None, version.procedure, version
    return None, None, None


def submit(request):
    """The feedback form: first choose what it is about (own dossier or a procedure), then
    write. Anonymous senders leave a phone number or an e-mail address."""
    user = request.user
    if user.is_authenticated and not user.is_applicant:
        raise PermissionDenied
    dossier, procedure, version = _subject(request)
    if dossier is None and procedure is None:
        return choose_subject(request)
    agencies = catalog.executing_agencies(version) if version is not None else None
    initial = {}
    if user.is_authenticated:
        initial = {
            "sender_name": user.get_full_name(),
            "sender_email": user.email,
            "sender_phone": getattr(user, "phone", "") or "",
        }
    form = FeedbackForm(
        request.POST or None,
        agencies=agencies,
        about_dossier=dossier is not None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback = services.submit_feedback(
                actor=user,
                classification=data["classification"],
                title=data["title"],
                content=data["content"],
                sender_name=data["sender_name"],
                sender_phone=data["sender_phone"],
                sender_email=data["sender_email"],
                sender_address=data["sender_address"],
                dossier=dossier,
                procedure=procedure,
                agency=data.get("agency"),
                repeat_complaint=data.get("repeat_complaint", False),
                at=timezone.now(),
            )
        except FeedbackError as error:
            refused(request, error, form)
        else:
            return _submitted(request, feedback)
    return render(
        request,
        "feedback/submit.html",
        {"form": form, "dossier": dossier, "procedure": procedure, "version": version},
    )


SEARCH_RESULTS = 20


def _submitted(request, feedback):
    """The receipt of a feedback: its code, its reply deadline and, for a sender without an
    account, the tracking link and code (the only way back to it)."""
    path = reverse("feedback:track", args=[feedback.code, feedback.tracking_token])
    return render(
        request,
        "feedback/submitted.html",
        {
            "feedback": feedback,
            "tracking_code": tracking.display(feedback.tracking_token),
            "tracking_path": path,
            "tracking_url": settings.SITE_URL + path,
            "lookup_url": settings.SITE_URL + reverse("feedback:track_lookup"),
        },
    )


def choose_subject(request):
    """First step: one of my dossiers, or a procedure found by searching the catalogue (a plain
    GET form; ``live-search.js`` refreshes the results while typing where JavaScript runs)."""
    user = request.user
    search = ProcedureSearchForm(request.GET if "q" in request.GET else None)
    results = None
    if search.is_valid():
        results = list(catalog.search(search.cleaned_data["q"])[:SEARCH_RESULTS])
    template = "feedback/_procedure_results.html" if request.GET.get("partial") else None
    return render(
        request,
        template or "feedback/choose_subject.html",
        {
            "search": search,
            "results": results,
            "own": selectors.own_dossiers(user) if user.is_authenticated else [],
        },
    )
