"""Back-office pages: the feedback queue of the officer's agencies with due colours and words,
a feedback's page with the actions the officer may take, and the desk's rating on the
applicant's behalf. Managers read only."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.agencies.models import Agency
from motcua.backoffice.access import officer_required
from motcua.dossiers.access import get_dossier_for
from motcua.dossiers.models import Dossier

from .. import access, clock, selectors, services
from ..constants import ALLOWED_FROM, Action, Status
from ..errors import FeedbackError
from ..forms import TextForm, TransferForm
from ..models import Feedback
from ._shared import refused
from .portal import rating_page

# The actions offered on a feedback's page: the label of the text box each one asks for.
TEXT_ACTIONS = {
    Action.REQUEST_SUPPLEMENT: gettext_lazy("Thông tin cần bổ sung"),
    Action.RECORD_SUPPLEMENT: gettext_lazy("Thông tin bổ sung đã nhận"),
    Action.REFUSE: gettext_lazy("Lý do từ chối"),
    Action.ANSWER: gettext_lazy("Nội dung trả lời"),
    Action.MARK_REPEAT: gettext_lazy("Nội dung phản ánh lại về kết quả"),
}


def _visible_or_404(user, code) -> Feedback:
    try:
        return access.get_feedback_for(user, code)
    except Feedback.DoesNotExist:
        raise Http404 from None


@officer_required
def queue(request):
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    now = timezone.now()
    calendars: dict = {}  # one calendar lookup per agency, not per row
    items = [
        (f, clock.due_badge(f, now, calendars))
        for f in selectors.queue(request.user, status=status)[:200]
    ]
    return render(
        request,
        "feedback/office_queue.html",
        {"items": items, "statuses": Status.choices, "status": status},
    )


def _transfer_targets(feedback):
    return Agency.objects.active_on(timezone.localdate()).exclude(pk=feedback.agency_id)


def _forms(user, feedback):
    """(action, label, form) for each action ``user`` may take now."""
    offered = []
    if Action.TRANSFER in _allowed(user, feedback):
        offered.append(
            (
                Action.TRANSFER,
                Action.TRANSFER.label,
                TransferForm(agencies=_transfer_targets(feedback), prefix=Action.TRANSFER),
            )
        )
    for action, label in TEXT_ACTIONS.items():
        if action in _allowed(user, feedback):
            offered.append((action, Action(action).label, TextForm(label=label, prefix=action)))
    if Action.PUBLISH in _allowed(user, feedback):
        offered.append((Action.PUBLISH, Action.PUBLISH.label, None))
    return offered


def _allowed(user, feedback) -> set[str]:
    return {
        action
        for action in access.OFFICER_ROLES
        if feedback.status in ALLOWED_FROM[action]
        and not (action == Action.MARK_REPEAT and feedback.repeat_complaint)
        and access.may_act(user, feedback, action)
    }


@officer_required
def detail(request, code):
    feedback = _visible_or_404(request.user, code)
    return render(
        request,
        "feedback/office_detail.html",
        {
            "feedback": feedback,
            "badge": clock.due_badge(feedback, timezone.now()),
            "history": selectors.history(feedback),
            "procedure_version": selectors.procedure_version_of(feedback),
            "actions": _forms(request.user, feedback),
        },
    )


@officer_required
@require_POST
def act(request, code, action):
    feedback = _visible_or_404(request.user, code)
    if action not in access.OFFICER_ROLES:
        raise Http404
    user = request.user
    try:
        if action == Action.PUBLISH:
            services.publish(feedback, actor=user)
        elif action == Action.TRANSFER:
            form = TransferForm(
                request.POST, agencies=_transfer_targets(feedback), prefix=Action.TRANSFER
            )
            if not form.is_valid():
                messages.error(request, _("Hãy chọn cơ quan và nêu lý do chuyển."))
                return redirect("feedback:office_detail", code=code)
            services.transfer(
                feedback,
                actor=user,
                to_agency=form.cleaned_data["to_agency"],
                reason=form.cleaned_data["text"],
            )
        else:
            # The service refuses an empty text with its own message.
            text = request.POST.get(f"{action}-text", "")
            call = {
                Action.REQUEST_SUPPLEMENT: lambda: services.request_supplement(
                    feedback, actor=user, request=text
                ),
                Action.RECORD_SUPPLEMENT: lambda: services.record_supplement(
                    feedback, actor=user, text=text
                ),
                Action.REFUSE: lambda: services.refuse(feedback, actor=user, reason=text),
                Action.ANSWER: lambda: services.answer(feedback, actor=user, text=text),
                Action.MARK_REPEAT: lambda: services.mark_repeat_complaint(
                    feedback, actor=user, reason=text
                ),
            }[action]
            call()
    except FeedbackError as error:
        refused(request, error)
    else:
        messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": Action(action).label})
    if not access.visible_to(user).filter(pk=feedback.pk).exists():
        return redirect("feedback:queue")
    return redirect("feedback:office_detail", code=code)


@officer_required
def rate_on_behalf(request, code):
    """The desk records the applicant's rating from the desk device or a paper slip."""
    try:
        dossier = get_dossier_for(request.user, code)
    except Dossier.DoesNotExist:
        raise Http404 from None
    return rating_page(
        request,
        dossier,
        on_behalf=True,
        template="feedback/office_rate.html",
        done="feedback:queue",
    )
