from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from motcua.audit import services as audit
from motcua.dossiers.access import get_dossier_for
from motcua.dossiers.models import Dossier


@login_required
def dossier_deliveries(request, code):
    """The notifications of one dossier, for whoever may see the dossier."""
    try:
        dossier = get_dossier_for(request.user, code)
    except Dossier.DoesNotExist as missing:
        raise Http404 from missing
    if request.user.is_officer:
        audit.note_read(request.user, "view_notifications", dossier)
    return render(request, "notifications/dossier.html", {"dossier": dossier})
