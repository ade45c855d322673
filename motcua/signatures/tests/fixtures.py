"""Shared by the tests of notices, signatures and documents: a signing directory made once per
session (key generation is the slow part) and media under a temporary directory."""

import pytest


@pytest.fixture(scope="session")
def signing_var_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("var")


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path, signing_var_dir):
    settings.VAR_DIR = signing_var_dir
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The verification pages count attempts in the cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
