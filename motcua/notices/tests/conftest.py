from motcua.dossiers.tests.conftest import (  # noqa: F401 - fixtures
    applicant,
    form_component,
    version,
    walk_in,
)
from motcua.signatures.tests.fixtures import (  # noqa: F401
    _fresh_cache,
    _isolated_files,
    signing_var_dir,
)
