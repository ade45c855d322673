"""Who may enter the applicant's own pages."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def applicant_required(view):
    """Citizens and businesses only. Anonymous visitors go to sign-in; officers get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_applicant:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
