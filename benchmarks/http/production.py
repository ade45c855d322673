"""Production settings for the benchmarks' processes, written once: the servers of ``run.py``
and the in-process measurements (``cpu.py``, ``dossier_html.py``, ``track_compare.py``) run
motcua as a deployment does — DEBUG off, a random SECRET_KEY, the collected static files — on
the database ``DATABASE_URL`` names and the cache ``cache_url`` names."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
STATIC_ROOT = ROOT / "var" / "bench-static"


def settings_env(cache_url: str) -> dict[str, str]:
    """The environment variables of production settings (the database's aside). Not the
    settings module: the floor's server gets the same environment and names its own."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(STATIC_ROOT),
        "CACHE_URL": cache_url,
    }


def start_django(cache_url: str) -> None:
    """Django set up in this process with production settings, the static files collected
    first if they are not yet."""
    os.environ.update(settings_env(cache_url) | {"DJANGO_SETTINGS_MODULE": "motcua.settings"})
    if not (STATIC_ROOT / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            check=True,
        )
    import django

    django.setup()
