"""The dossier tests' catalogue and walk-in receipt, shared rather than copied, and a resolver
taking a dossier from receipt to its returned result."""

import pytest

from motcua.dossiers import services
from motcua.dossiers.tests import conftest as dossier_fixtures

version = dossier_fixtures.version
applicant = dossier_fixtures.applicant
form_component = dossier_fixtures.form_component
walk_in = dossier_fixtures.walk_in
vn = dossier_fixtures.vn


@pytest.fixture
def resolve(people):
    """Take a received dossier through processing, approval and result to its return."""

    def run(dossier, *, day=(2026, 3, 2)):
        y, m, d = day
        dossier = services.assign(dossier, actor=people.desk_x, at=vn(y, m, d, 9, 30))
        dossier = services.complete_step(dossier, actor=people.specialist_x, at=vn(y, m, d, 10, 0))
        dossier = services.approve(dossier, actor=people.leader_x, at=vn(y, m, d, 11, 0))
        dossier = services.record_result(
            dossier, actor=people.leader_x, document_number="12/GCN", at=vn(y, m, d, 14, 0)
        )
        return services.return_result(
            dossier,
            actor=people.desk_x,
            recipient_name="Nguyễn Văn An",
            recipient_id_number="068080001234",
            at=vn(y, m, d, 16, 0),
        )

    return run
