from motcua.signatures.tests.fixtures import _isolated_files, signing_var_dir  # noqa: F401
