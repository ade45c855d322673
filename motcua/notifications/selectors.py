from django.db.models import QuerySet

from .models import Delivery


def deliveries_for(dossier) -> QuerySet[Delivery]:
    """The messages sent (or being sent) about ``dossier``, newest first. Callers check that
    the viewer may see the dossier (``dossiers.access``) before showing them."""
    return Delivery.objects.filter(dossier=dossier).order_by("-created_at", "-id")
