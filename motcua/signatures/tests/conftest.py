from motcua.dossiers.tests.conftest import (  # noqa: F401 - fixtures
    applicant,
    form_component,
    version,
    walk_in,
)

from .fixtures import _fresh_cache, _isolated_files, signing_var_dir  # noqa: F401
