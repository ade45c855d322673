"""The collector is off while manage.py starts Django and back on, with start-up's objects frozen,
once the apps are ready (motcua/operations/startup.py); nothing changes for other processes."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from motcua.operations import startup

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def collector():
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    startup._deferred = False
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_defer_stops_collection_and_resume_freezes_and_restarts_it(collector):
    gc.enable()
    startup.defer()
    assert not gc.isenabled()
    startup.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_resume_without_defer_changes_nothing(collector):
    gc.disable()
    startup.resume()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_collector_already_off_stays_off(collector):
    gc.disable()
    startup.defer()
    startup.resume()
    assert not gc.isenabled()


def test_a_management_command_runs_with_the_collector_on_and_start_up_frozen(tmp_path):
    keep = {"PATH", "HOME", "LANG"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    env |= {"DEBUG": "true", "VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "motcua.settings"}
    script = "import gc, json; print(json.dumps([gc.isenabled(), gc.get_freeze_count() > 10000]))"
    done = subprocess.run(  # noqa: S603 - this Python, fixed arguments
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [True, True]
