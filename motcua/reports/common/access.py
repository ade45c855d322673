"""Who may see the report pages: officers holding the manager or agency leader role somewhere,
each about their agency's subtree only; everyone else is refused (anonymous visitors are sent to
the officers' sign-in). Every report page takes its agency and period from the one filter
(``forms.ReportFilter``)."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from motcua.backoffice.access import officer_required

from .. import selectors
from .forms import ReportFilter


def manager_required(view):
    """Officers holding the manager or agency leader role somewhere; the filter is bound to the
    agencies they may see, and an agency outside them is "not found"."""

    @officer_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        options = selectors.report_options(request.user)
        if not options:
            raise PermissionDenied
        form = ReportFilter(request.GET, options=options)
        if not form.is_valid():
            asked = request.GET.get("agency")
            if "agency" in form.errors and asked:
                internal = selectors.internal_unit_for(request.user, asked)
                if internal is None:
                    raise Http404
                # Never the report of another agency in its place: say where it is counted.
                context = {"form": form, "unit": internal[0], "agency": internal[1]}
                return render(request, "reports/internal_unit.html", context, status=400)
            return render(request, "reports/invalid.html", {"form": form}, status=400)
        agency = selectors.agency_for(request.user, form.cleaned_data["agency"])
        if agency is None:
            raise Http404
        return view(request, form, agency, *args, **kwargs)

    return wrapper


def query_of(request) -> str:
    return request.GET.urlencode()


def query_for(request, agency) -> str:
    """The page's query with another agency (a ranked unit's own index)."""
    query = request.GET.copy()
    query["agency"] = agency.code
    return query.urlencode()
