"""A worker process of a parallel rebuild (``bulk.in_processes``). Started with "spawn", so it
imports nothing of Django before ``django.setup()``: it sets the database up first, then opens
its own connection."""

from __future__ import annotations

import os
import traceback


def work(settings_module: str, database: dict, chunk_size: int, tasks, results) -> None:
    """Take id spans from ``tasks`` until None; send ("rows", (dossiers, COPY lines)) per chunk,
    then ("totals", day-grain totals) — or ("error", traceback) and stop."""
    try:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
        from django.conf import settings

        settings.DATABASES["default"].update(database)
        import django

        django.setup()
        from .store import add_to, chunks, empty_totals

        daily = empty_totals()
        while (span := tasks.get()) is not None:
            after, upto = span
            for chunk in chunks(chunk_size, after=after, upto=upto):
                add_to(daily, chunk)
                lines = "".join(c.as_copy_line(pk) for pk, c in chunk)
                results.put(("rows", (len(chunk), lines)))
        results.put(("totals", daily))
    except BaseException:
        results.put(("error", traceback.format_exc()))
    finally:
        from django.db import connections

        connections.close_all()
