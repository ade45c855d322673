"""The public verification page: upload a PDF, see whether its signatures hold."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .forms import VerifyForm
from .verification import verify_pdf


@require_http_methods(["GET", "POST"])
def verify(request):
    report = None
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            document = form.cleaned_data["document"]
            document.seek(0)
            report = verify_pdf(document.read())
    else:
        form = VerifyForm()
    status = 200 if report is not None or request.method == "GET" else 400
    return render(
        request, "signatures/verify.html", {"form": form, "report": report}, status=status
    )
