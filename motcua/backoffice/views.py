from django.contrib.auth import views as auth_views
from django.shortcuts import render

from motcua.accounts.forms import OfficerLoginForm
from motcua.agencies import selectors as agencies

from .access import officer_required


class OfficerLoginView(auth_views.LoginView):
    """Sign-in for officers (cán bộ, công chức)."""

    template_name = "backoffice/login.html"
    authentication_form = OfficerLoginForm
    redirect_authenticated_user = True


@officer_required
def home(request):
    """The officer's start page: the units and roles they hold today."""
    memberships = list(agencies.memberships_of(request.user))
    return render(request, "backoffice/home.html", {"memberships": memberships})
