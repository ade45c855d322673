"""Who may enter the back office."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def officer_required(view):
    """Officers only. Anonymous visitors go to the officers' sign-in; applicants get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "backoffice:login")
        if not request.user.is_officer:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
