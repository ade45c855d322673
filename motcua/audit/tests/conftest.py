"""The back office's dossiers in their states and their personas (backoffice/tests/states.py),
for the audit's tests of who read what."""

from motcua.backoffice.tests.conftest import (  # noqa: F401
    _isolated_files,
    applicant,
    birth_version,
    form_component,
    registry_x,
    signing_var_dir,
    version,
    walk_in,
)
from motcua.backoffice.tests.states import (  # noqa: F401
    awaiting_supplement,
    cast,
    in_progress,
    received,
    scans,
)
