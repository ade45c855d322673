"""The dossier tests' catalogue and walk-in fixture, a registry clerk of commune X, and the
dossier states and personas of states.py for every back-office test module."""

import pytest
import time_machine

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.dossiers.tests.conftest import (  # noqa: F401
    applicant,
    birth_version,
    form_component,
    version,
    vn,
    walk_in,
)
from motcua.signatures.tests.fixtures import _isolated_files, signing_var_dir  # noqa: F401

from .states import (  # noqa: F401
    at_registry,
    awaiting_approval,
    awaiting_payment,
    awaiting_supplement,
    cast,
    in_progress,
    received,
    result_ready,
    returned,
    scans,
    stopped,
    transferred,
)


@pytest.fixture
def registry_x(tree):
    return make_officer("Trịnh Thị Mai", unit=tree.commune_x, role=Role.REGISTRY_CLERK)


def freeze_time(moment):
    """Time stands still at ``moment`` (as decorator or context manager)."""
    return time_machine.travel(moment, tick=False)
