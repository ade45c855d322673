"""Following a feedback without an account: the tracking page opened by the link given at
submission (or by typing the PAKN code and the tracking code), where the sender also answers a
request for more information. A wrong code looks the same as a missing feedback."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access, selectors, services, tracking
from ..constants import Status
from ..errors import FeedbackError
from ..forms import TextForm, TrackingLookupForm
from ..models import Feedback
from ._shared import refused


def _feedback_or_404(code: str, token: str) -> Feedback:
    try:
        return access.get_feedback_by_token(code, token)
    except Feedback.DoesNotExist:
        raise Http404 from None


def track(request, code: str, token: str):
    """The sender's view of one feedback; POST answers a request for more information."""
    feedback = _feedback_or_404(code, token)
    form = None
    if feedback.status == Status.SUPPLEMENT_REQUESTED:
        form = TextForm(request.POST or None, label=_("Thông tin bổ sung"))
        if request.method == "POST" and form.is_valid():
            try:
                services.record_supplement(
                    feedback,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    tracking_token=token,
                )
            except FeedbackError as error:
                refused(request, error, form)
            else:
                messages.success(request, _("Đã gửi thông tin bổ sung."))
                return redirect("feedback:track", code=feedback.code, token=token)
    elif request.method == "POST":
        messages.info(request, _("Phản ánh, kiến nghị này hiện không cần bổ sung thông tin."))
    return render(
        request,
        "feedback/track.html",
        {
            "feedback": feedback,
            "history": selectors.history(feedback),
            "procedure_version": selectors.procedure_version_of(feedback),
            "form": form,
            "tracking_code": tracking.display(feedback.tracking_token),
        },
    )


def track_lookup(request):
    """Type the PAKN code and the tracking code to open the tracking page."""
    form = TrackingLookupForm(request.GET or None)
    not_found = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            feedback = access.get_feedback_by_token(data["code"], data["token"])
        except Feedback.DoesNotExist:
            not_found = True
        else:
            return redirect("feedback:track", code=feedback.code, token=feedback.tracking_token)
    return render(request, "feedback/track_lookup.html", {"form": form, "not_found": not_found})
