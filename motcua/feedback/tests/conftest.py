"""Dossiers with and without a result, and the procedure they were filed under, for the rating
and feedback tests (built through the dossier services, as in production)."""

import pytest

from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests import conftest as dossier_fixtures

# The dossier tests' catalogue and walk-in receipt, reused as fixtures here.
applicant = dossier_fixtures.applicant
form_component = dossier_fixtures.form_component
version = dossier_fixtures.version
walk_in = dossier_fixtures.walk_in
vn = dossier_fixtures.vn

ANSWERS = {"index_1": "2", "index_3": "2", "index_4": "1", "index_7": "1"}


@pytest.fixture
def open_dossier(walk_in):
    return walk_in(at=vn(2026, 3, 2, 9, 0))


@pytest.fixture
def result_dossier(open_dossier, people):
    """A dossier of citizen A resolved at commune X: result ready on Tue 03/03/2026 15:00."""
    dossier = dossier_services.assign(
        open_dossier, actor=people.desk_x, assignee=people.specialist_x, at=vn(2026, 3, 2, 9, 30)
    )
    dossier = dossier_services.complete_step(
        dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 10, 0)
    )
    dossier = dossier_services.approve(dossier, actor=people.leader_x, at=vn(2026, 3, 3, 14, 0))
    return dossier_services.record_result(
        dossier, actor=people.leader_x, document_number="12/GCN", at=vn(2026, 3, 3, 15, 0)
    )


@pytest.fixture
def procedure(version):
    return version.procedure
