"""The cyclic garbage collector around a command's start-up (#18).

Start-up makes about 100,000 objects that live as long as the process: modules, classes, the
models and their fields. The collector would walk them again and again while they are made, and
once more as the interpreter exits: about 0.15 s of CPU of a report command's 0.6 s on a quiet
machine. ``manage.py`` turns it off before Django is imported (``defer``); once every app is
ready (``OperationsConfig.ready``) those objects go to the permanent generation, which no later
collection walks, and the collector is back on for whatever the command then makes (``resume``).

Only ``manage.py`` defers; the web server, the tests and any other embedding leave the
collector as they found it. Imported by ``manage.py`` before Django: imports nothing of it.
"""

from __future__ import annotations

import atexit
import gc

_deferred = False


def defer() -> None:
    """Turn the collector off until ``resume``."""
    global _deferred
    _deferred = gc.isenabled()
    gc.disable()


def resume() -> None:
    """Freeze what start-up made and turn the collector back on, if ``defer`` turned it off."""
    global _deferred
    if not _deferred:
        return
    _deferred = False
    gc.freeze()
    gc.enable()
    # The database connections made during start-up are frozen with it, so the collection at
    # exit no longer closes them: close them before it, as PostgreSQL expects.
    atexit.register(_close_connections)


def _close_connections() -> None:
    from django.db import connections

    connections.close_all()
