from django.contrib.auth import views as auth_views
from django.shortcuts import render

from motcua.accounts.forms import OfficerLoginForm

from . import selectors
from .access import officer_required
from .second_factor.views import SecondFactorLoginMixin


class OfficerLoginView(SecondFactorLoginMixin, auth_views.LoginView):
    """Sign-in for officers (cán bộ, công chức): the password, then the second factor."""

    template_name = "backoffice/login.html"
    authentication_form = OfficerLoginForm
    redirect_authenticated_user = True


@officer_required
def home(request):
    """The officer's start page (bàn làm việc): what waits for them and for their unit — due
    today, about to be late, late — each a link to the queue so filtered, and the units and
    roles they hold today."""
    reader = selectors.Reader(request.user)
    horizon = selectors.due_horizon(reader.units)
    context = {
        "memberships": reader.memberships,
        "horizon": horizon,
        "tallies": selectors.start_page_tallies(request.user, horizon, reader=reader),
    }
    return render(request, "backoffice/home.html", context)
