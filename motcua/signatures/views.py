"""The public verification pages: upload any PDF and see whether its signatures hold; or open
the page of one issued document (from its QR code) and compare a PDF with what was issued."""

from __future__ import annotations

import hashlib

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from motcua.documents.bodylimit import FORM_OVERHEAD, accepts_uploads

from . import limits, selectors
from .forms import MAX_VERIFY_BYTES, VerifyForm
from .qr import qr_matches
from .verification import Verdict, check_issued, compare_with_issued, verify_pdf


def _form(request) -> VerifyForm:
    return VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()


def _read(form) -> bytes:
    document = form.cleaned_data["document"]
    document.seek(0)
    return document.read()


# One PDF: the body may hold it and the form's token, no more.
@accepts_uploads(per_file=MAX_VERIFY_BYTES, total=MAX_VERIFY_BYTES + FORM_OVERHEAD)
@require_http_methods(["GET", "POST"])
def verify(request):
    report = matched = None
    status = 200
    form = _form(request)
    if request.method == "POST":
        if limits.uploads_reached(request):
            return render(
                request, "signatures/verify.html", {"form": form, "limited": True}, status=429
            )
        limits.count(request, "upload")
        if form.is_valid():
            data = _read(form)
            report = verify_pdf(data)
            if report.verdict == Verdict.VALID:
                matched = selectors.issued_with_digest(hashlib.sha256(data).hexdigest())
        else:
            status = 400
    context = {"form": form, "report": report, "matched": matched}
    return render(request, "signatures/verify.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def issued(request, token: str):
    """The page a document's QR code opens: the verdict on the copy the system stored (checked
    now, on every visit: never cached), what was issued (kind, dossier code, procedure, issuer,
    signer, time; no personal data beyond the paper's), whether the data the code brought in
    its query matches the record, and an upload to compare a copy with it."""
    if limits.unknown_tokens_reached(request):
        return render(request, "signatures/issued.html", {"limited": True}, status=429)
    document = selectors.issued_by_token(token)
    if document is None:
        limits.count(request, "unknown")
        raise Http404
    context = {
        "issued": document,
        "check": check_issued(document),
        "latest": selectors.latest_like(document),
        "result": selectors.result_of(document),
        "qr_matches": qr_matches(document, request.GET),
        "form": _form(request),
    }
    status = 200
    if request.method == "POST":
        if limits.uploads_reached(request):
            return render(
                request, "signatures/issued.html", context | {"limited": True}, status=429
            )
        limits.count(request, "upload")
        if context["form"].is_valid():
            context["comparison"] = compare_with_issued(_read(context["form"]), document)
        else:
            status = 400
    return render(request, "signatures/issued.html", context, status=status)
