"""Who is calling the API (bên gọi API) and what they may see: an API client through its
agencies, or — with DEBUG only, for the browsable API — an officer signed in on the site, through
the same access function as their pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from motcua.dossiers import access
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.reports import selectors as reports

from .constants import Scope
from .models import ApiClient

# What an officer may read in the browsable API (never a write).
OFFICER_SCOPES = frozenset({Scope.CATALOG_READ, Scope.DOSSIERS_READ, Scope.REPORTS_READ})


@dataclass
class Caller:
    client: ApiClient | None = None
    user: object | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)

    @property
    def agencies(self) -> list:
        if self.client is None:
            return []
        if not hasattr(self, "_agencies"):
            self._agencies = list(self.client.agencies.all())
        return self._agencies

    def dossiers(self) -> QuerySet[Dossier]:
        """The dossiers the caller may read (never drafts)."""
        if self.client is not None:
            found = access.visible_in(self.agencies)
        else:
            found = access.visible_to(self.user)
        return found.exclude(status=Status.DRAFT)

    def may_report_on(self, agency) -> bool:
        """An agency in the subtree of the client's agencies (of the officer's reporting roots)."""
        roots = self.agencies if self.client is not None else reports.reporting_roots(self.user)
        return any(agency.path.startswith(root.path) for root in roots)

    def audit_data(self) -> dict:
        if self.client is None:
            return {"api_client": None}
        return {"api_client": self.client.client_id, "api_client_name": str(self.client)}


def of(request) -> Caller | None:
    return getattr(request, "caller", None)
