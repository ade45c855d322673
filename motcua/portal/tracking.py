"""Public tracking (tra cứu hồ sơ) without sign-in: the dossier code and a second factor (the
last 4 digits of the applicant's phone or identity number) show only the completion state —
TT 01/2018 Art. 16 d, the anonymous tier. Failed look-ups slow the guesser down, never the
dossier (#17 item 3): an address that missed one code MAX_FAILURES_PER_CODE times, or any codes
MAX_FAILURES_PER_ADDRESS times, waits (doubling, up to 15 minutes) before its next look-up; the
rightful owner elsewhere, with both factors, is answered at once. Only failed look-ups count
(many citizens share one address behind mobile carriers' NAT). Counts are in the shared
"throttle" cache, so they hold across web processes."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.throttle import Backoff, client_address, longest_wait
from motcua.dossiers.access import find_for_tracking
from motcua.dossiers.constants import TERMINAL, Status
from motcua.dossiers.national import national_status

WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_ADDRESS = 30
MAX_FAILURES_PER_CODE = 5
# One address guessing one code; one address guessing across codes.
# The MAX-th failure starts a wait of a minute, doubling with each further one up to the window.
_PAIR = Backoff("track:pair", free=MAX_FAILURES_PER_CODE - 1, base=60, cap=WINDOW_SECONDS)
_ADDRESS = Backoff("track:address", free=MAX_FAILURES_PER_ADDRESS - 1, base=60, cap=WINDOW_SECONDS)


class TrackForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã hồ sơ"),
        max_length=40,
        help_text=gettext_lazy("In trên Giấy tiếp nhận hồ sơ, ví dụ 000.00.31.H99-260302-0001."),
    )
    last4 = forms.RegexField(
        label=gettext_lazy("4 số cuối số điện thoại hoặc số định danh của người nộp"),
        regex=r"^\d{4}$",
        max_length=4,
        error_messages={"invalid": gettext_lazy("Hãy nhập đúng 4 chữ số.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


def wait(address: str, code: str) -> int:
    """Seconds ``address`` must wait before looking ``code`` up (0: now). This page and the
    API's tracking resource count together."""
    return longest_wait((_PAIR, f"{address}|{code}"), (_ADDRESS, address))


def limited(address: str, code: str) -> bool:
    return wait(address, code) > 0


def record_failure(address: str, code: str) -> None:
    _PAIR.fail(f"{address}|{code}")
    _ADDRESS.fail(address)


def track(request):
    """The form (with the code prefilled from the receipt's QR) and, once both factors match,
    the completion state only."""
    data = request.GET if "last4" in request.GET else None
    form = TrackForm(data, initial={"code": request.GET.get("code", "")})
    context = {"form": form}
    status = 200
    if data is not None and form.is_valid():
        code, last4 = form.cleaned_data["code"], form.cleaned_data["last4"]
        seconds = wait(client_address(request), code)
        if seconds:
            context |= {"limited": True, "wait_minutes": max(1, (seconds + 59) // 60)}
            status = 429
        else:
            dossier = find_for_tracking(code, last4)
            if dossier is None:
                record_failure(client_address(request), code)
                form.add_error(
                    None,
                    _(
                        "Không tìm thấy hồ sơ khớp với mã và 4 chữ số bạn nhập. "
                        "Bạn hãy kiểm tra lại Giấy tiếp nhận."
                    ),
                )
            else:
                context |= {
                    "dossier": dossier,
                    "national": national_status(dossier.status),
                    "finished": dossier.status in TERMINAL or dossier.status == Status.RESULT_READY,
                }
    return render(request, "portal/track.html", context, status=status)
