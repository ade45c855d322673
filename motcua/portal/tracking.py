"""Public tracking (tra cứu hồ sơ) without sign-in: the dossier code and a second factor (the
last 4 digits of the applicant's phone or identity number) show only the completion state —
TT 01/2018 Art. 16 d, the anonymous tier. Lookups are rate-limited per address and per code
so codes cannot be guessed. Only failed lookups count: many citizens share one address behind
mobile carriers' NAT, and a person who knows both factors is never slowed down."""

from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.dossiers.access import find_for_tracking
from motcua.dossiers.constants import TERMINAL, Status
from motcua.dossiers.national import national_status

WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_ADDRESS = 30
MAX_FAILURES_PER_CODE = 5


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


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _count(key: str) -> int:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def limited(address: str, code: str) -> bool:
    """Whether look-ups from ``address`` or of ``code`` failed too often lately (this page and
    the API's tracking resource count together)."""
    return (
        cache.get(f"track:ip:{address}", 0) >= MAX_FAILURES_PER_ADDRESS
        or cache.get(f"track:code:{code}", 0) >= MAX_FAILURES_PER_CODE
    )


def record_failure(address: str, code: str) -> None:
    _count(f"track:ip:{address}")
    _count(f"track:code:{code}")


def track(request):
    """The form (with the code prefilled from the receipt's QR) and, once both factors match,
    the completion state only."""
    data = request.GET if "last4" in request.GET else None
    form = TrackForm(data, initial={"code": request.GET.get("code", "")})
    context = {"form": form}
    status = 200
    if data is not None and form.is_valid():
        code, last4 = form.cleaned_data["code"], form.cleaned_data["last4"]
        if limited(_address(request), code):
            context["limited"] = True
            status = 429
        else:
            dossier = find_for_tracking(code, last4)
            if dossier is None:
                record_failure(_address(request), code)
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
