"""The dossier tests' catalogue and walk-in fixture, plus a registry clerk and a leader of
commune X for the processing journeys."""

import pytest
import time_machine

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.dossiers.tests.conftest import (  # noqa: F401
    applicant,
    form_component,
    version,
    vn,
    walk_in,
)


@pytest.fixture
def registry_x(tree):
    return make_officer("Trịnh Thị Mai", unit=tree.commune_x, role=Role.REGISTRY_CLERK)


def freeze_time(moment):
    """Time stands still at ``moment`` (as decorator or context manager)."""
    return time_machine.travel(moment, tick=False)


from motcua.signatures.tests.fixtures import _isolated_files, signing_var_dir  # noqa: E402, F401
