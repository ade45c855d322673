from django.shortcuts import render

from motcua.accounts.models import UserKind

from .access import applicant_required


def home(request):
    """The public start page of the portal."""
    return render(request, "portal/home.html")


@applicant_required
def account(request):
    """The applicant's own page: who they are and how their identity was verified."""
    user = request.user
    profile = getattr(user, "citizen_profile", None) if user.kind == UserKind.CITIZEN else None
    business = getattr(user, "business_profile", None) if user.kind == UserKind.BUSINESS else None
    return render(request, "portal/account.html", {"profile": profile, "business": business})
