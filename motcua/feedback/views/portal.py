"""The citizen's pages: my feedback (and answering a request for more information), and rating
my dossier."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.dossiers.access import get_dossier_for
from motcua.dossiers.models import Dossier
from motcua.portal.access import applicant_required

from .. import access, selectors, services
from ..constants import Status
from ..errors import FeedbackError, NotPermitted
from ..forms import RatingForm, TextForm
from ..models import Feedback, Rating
from ._shared import refused


@applicant_required
def mine(request):
    return render(
        request,
        "feedback/mine.html",
        {
            "items": selectors.mine(request.user),
            "ratable": selectors.ratable_dossiers(request.user),
        },
    )


def _mine_or_404(user, code):
    try:
        return access.get_feedback_for(user, code)
    except Feedback.DoesNotExist:
        raise Http404 from None


@applicant_required
def my_detail(request, code):
    feedback = _mine_or_404(request.user, code)
    form = None
    if feedback.status == Status.SUPPLEMENT_REQUESTED:
        form = TextForm(label=_("Thông tin bổ sung"))
    return render(
        request,
        "feedback/my_detail.html",
        {
            "feedback": feedback,
            "history": selectors.history(feedback),
            "procedure_version": selectors.procedure_version_of(feedback),
            "form": form,
        },
    )


@applicant_required
@require_POST
def my_supplement(request, code):
    feedback = _mine_or_404(request.user, code)
    form = TextForm(request.POST, label=_("Thông tin bổ sung"))
    if form.is_valid():
        try:
            services.record_supplement(feedback, actor=request.user, text=form.cleaned_data["text"])
        except FeedbackError as error:
            refused(request, error)
        else:
            messages.success(request, _("Đã gửi thông tin bổ sung."))
    else:
        messages.error(request, _("Hãy nhập thông tin bổ sung."))
    return redirect("feedback:my_detail", code=feedback.code)


def _may_rate(user, dossier, on_behalf) -> bool:
    try:
        access.rating_capacity(user, dossier, on_behalf=on_behalf)
    except NotPermitted:
        return False
    except FeedbackError:
        return True  # permitted, but not now (no result yet): the page says why
    return True


def rating_page(request, dossier, *, on_behalf, template, done):
    """Shared by the citizen's and the desk's rating pages."""
    existing = Rating.objects.filter(dossier=dossier).first()
    criteria_set = selectors.criteria_set_for(dossier.resolving_agency, timezone.localdate())
    ratable = dossier.status in access.RATABLE
    allowed = _may_rate(request.user, dossier, on_behalf)
    form = None
    if existing is None and criteria_set is not None and ratable and allowed:
        form = RatingForm(request.POST or None, criteria_set=criteria_set, on_behalf=on_behalf)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.rate_dossier(
                    dossier,
                    actor=request.user,
                    level=data["level"],
                    answers=form.answers(),
                    comment=data["comment"],
                    channel=data.get("channel", "online"),
                )
            except FeedbackError as error:
                refused(request, error, form)
            else:
                messages.success(request, _("Cảm ơn bạn đã đánh giá."))
                return redirect(done)
    elif request.method == "POST":
        if not allowed:
            text = _("Bạn không có quyền thực hiện thao tác này.")
        elif existing is not None:
            text = _("Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần.")
        else:
            text = _("Hồ sơ chưa có kết quả nên chưa thể đánh giá.")
        messages.error(request, text)
    return render(
        request,
        template,
        {
            "dossier": dossier,
            "form": form,
            "existing": existing,
            "ratable": ratable,
            "allowed": allowed,
            "criteria_set": criteria_set,
        },
    )


@applicant_required
def rate(request, code):
    """Rate my dossier once its result is out."""
    try:
        dossier = get_dossier_for(request.user, code)
    except Dossier.DoesNotExist:
        raise Http404 from None
    return rating_page(
        request, dossier, on_behalf=False, template="feedback/rate.html", done="feedback:mine"
    )
