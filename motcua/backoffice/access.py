"""Who may enter the back office."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render


def officer_required(view):
    """Officers only. Anonymous visitors go to the officers' sign-in, which says why; applicants
    are told plainly that the page is for officers and where citizens go instead (403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "backoffice:login")
        if not request.user.is_officer:
            return render(request, "backoffice/officers_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
