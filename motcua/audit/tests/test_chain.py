"""The trail is append-only in the database and chained by hashes: ``audit verify`` finds the
first row edited, removed or forged. On PostgreSQL the database refuses UPDATE and DELETE, and
seals rows when their transaction commits (so these tests commit: transaction=True)."""

import itertools
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from motcua.audit import services
from motcua.audit.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

POSTGRES = connection.vendor == "postgresql"


def _write(n, verb="view_dossier"):
    for i in range(n):
        services.note_session(None, "sign_in_failed", verb, username=f"u{i}")


def _verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_rows_are_sealed_into_one_chain(db):
    _write(5)
    rows = list(AuditEntry.objects.order_by("seq"))
    assert [row.seq for row in rows] == [1, 2, 3, 4, 5]
    assert rows[0].prev_hash == ""
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
    assert "nguyên vẹn: 5 dòng" in _verify()


def test_a_rolled_back_transaction_leaves_no_row_and_no_gap(db):
    _write(1)
    with pytest.raises(RuntimeError), transaction.atomic():
        _write(1)
        raise RuntimeError
    _write(1)
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2]
    assert "nguyên vẹn: 2 dòng" in _verify()


@pytest.mark.skipif(not POSTGRES, reason="the refusal is PostgreSQL's trigger")
def test_postgres_refuses_update_and_delete(db):
    _write(2)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(seq=1).update(reason="sửa")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(seq=2).delete()
    assert AuditEntry.objects.count() == 2


def _tamper(sql, *params):
    """What someone with the database's owner role could do behind the application's back."""
    with connection.cursor() as cursor:
        if POSTGRES:
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_append_only")
        cursor.execute(sql, params)
        if POSTGRES:
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_append_only")


def test_verify_finds_an_edited_row(db):
    _write(4)
    target = AuditEntry.objects.get(seq=3)
    _tamper("UPDATE audit_auditentry SET ip = %s WHERE id = %s", "10.0.0.1", target.pk)
    with pytest.raises(CommandError, match=f"id={target.pk} .*nội dung đã bị sửa"):
        _verify()


def test_verify_finds_a_removed_row(db):
    _write(4)
    target = AuditEntry.objects.get(seq=2)
    _tamper("DELETE FROM audit_auditentry WHERE id = %s", target.pk)
    after = AuditEntry.objects.get(seq=3)
    with pytest.raises(CommandError, match=f"id={after.pk} .*thiếu dòng trước"):
        _verify()


def test_verify_finds_a_forged_row_whose_digest_was_recomputed(db):
    _write(3)
    target = AuditEntry.objects.get(seq=2)
    target.reason = "giả"
    forged = services.chain.digest_of(target)
    _tamper(
        "UPDATE audit_auditentry SET reason = %s, digest = %s WHERE id = %s",
        "giả",
        forged,
        target.pk,
    )
    with pytest.raises(CommandError, match=f"id={target.pk} .*mã băm chuỗi"):
        _verify()


def test_archived_head_is_accepted_as_the_start(db):
    _write(4)
    _tamper("DELETE FROM audit_auditentry WHERE seq <= 2")
    assert "nguyên vẹn: 2 dòng từ số 3" in _verify()


@pytest.mark.skipif(not POSTGRES, reason="concurrent writers need a server database")
def test_concurrent_writers_keep_one_unbroken_chain(db):
    errors = []

    def writer():
        try:
            for _ in range(20):
                with transaction.atomic():
                    _write(2)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, 241)
    )
    assert "nguyên vẹn: 240 dòng" in _verify()
