"""``manage.py consistency`` after a restore: it passes on a whole system and names what is not."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from motcua.documents import services as documents

pytestmark = pytest.mark.django_db


def test_a_whole_system_is_consistent(settings, tmp_path, capsys):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "motcua.operations.storage_local.LocalStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    documents.store_file(b"%PDF-1.4 ok", name="a.pdf", content_type="application/pdf")
    call_command("consistency")
    out = capsys.readouterr().out
    assert "checked files: 1" in out and "consistent" in out


def test_a_changed_or_missing_file_is_named(settings, tmp_path, capsys):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "motcua.operations.storage_local.LocalStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    changed = documents.store_file(b"%PDF-1.4 one", name="a.pdf", content_type="application/pdf")
    missing = documents.store_file(b"%PDF-1.4 two", name="b.pdf", content_type="application/pdf")
    (tmp_path / changed.file.name).write_bytes(b"%PDF-1.4 tampered")
    default_storage.delete(missing.file.name)
    with pytest.raises(CommandError):
        call_command("consistency")
    out = capsys.readouterr().out
    assert f"file {changed.pk} {changed.file.name}: SHA-256 differs" in out
    assert f"file {missing.pk} {missing.file.name}: missing" in out


def test_a_failed_local_write_leaves_no_partial_file(tmp_path, monkeypatch):
    import errno

    from django.core.files.base import ContentFile

    from motcua.operations.storage_local import LocalStorage

    storage = LocalStorage(location=str(tmp_path))

    class Full(ContentFile):
        def chunks(self, chunk_size=None):
            yield b"half"
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        storage.save("x.pdf", Full(b"half and the rest"))
    assert list(tmp_path.iterdir()) == []


def _local(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "motcua.operations.storage_local.LocalStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def test_the_sweep_removes_objects_no_row_names_and_keeps_the_others(settings, tmp_path):
    _local(settings, tmp_path)
    kept = documents.store_file(b"%PDF-1.4 kept", name="a.pdf", content_type="application/pdf")
    orphan = tmp_path / "files" / "2026" / "12" / "0123456789abcdef"
    orphan.write_bytes(b"left by a killed process")
    call_command("sweep_orphans", "--grace", "3600")  # too young: kept
    assert orphan.exists()
    call_command("sweep_orphans", "--grace", "0")
    assert not orphan.exists()
    assert default_storage.exists(kept.file.name)


def test_a_row_that_cannot_be_written_takes_its_object_away(settings, tmp_path, monkeypatch):
    from django.db import OperationalError

    from motcua.documents.models import StoredFile

    _local(settings, tmp_path)

    def cut(self, *args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(StoredFile, "save", cut)
    with pytest.raises(OperationalError):
        documents.store_file(b"%PDF-1.4 x", name="a.pdf", content_type="application/pdf")
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
