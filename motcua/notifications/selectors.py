from django.db.models import QuerySet

from .models import Delivery


def deliveries_for(dossier) -> QuerySet[Delivery]:
    """The messages sent (or being sent) about ``dossier``, newest first (the model's order);
    those the caller read with the dossier when it did (a prefetch of ``deliveries``). Callers
    check that the viewer may see the dossier (``dossiers.access``) before showing them."""
    return dossier.deliveries.all()
