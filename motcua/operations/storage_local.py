"""The local folder store (the embedded default), leaving nothing behind when a write fails.

Django's FileSystemStorage keeps the part of a file written before an error (a full disk:
ENOSPC): a file on disk that no row names, and that a later check would call corrupt. Here a
failed save removes what it wrote, and the error goes on (a 503 with a clear message,
motcua/operations/outages.py)."""

from __future__ import annotations

import contextlib
import os

from django.core.files.storage import FileSystemStorage


class LocalStorage(FileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        existed = os.path.exists(path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed:
                with contextlib.suppress(OSError):
                    os.remove(path)
            raise
