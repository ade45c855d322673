"""Who in the administration opened my dossier (Decree 13/2023: the data subject's right to know
who processed their personal data): date and time, the officer's name and unit, what was opened;
never the officer's address. Only the dossier's owner sees it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from motcua.audit import selectors as audit

from .access import applicant_required
from .mine import dossier_of

PAGE_SIZE = 20


@applicant_required
def dossier_readers(request, code: str):
    dossier = dossier_of(request, code)
    page = Paginator(audit.readings_of(dossier), PAGE_SIZE).get_page(request.GET.get("page"))
    readings = [audit.as_reading(entry) for entry in page.object_list]
    return render(
        request,
        "portal/mine/readers.html",
        {"dossier": dossier, "page": page, "readings": readings},
    )
