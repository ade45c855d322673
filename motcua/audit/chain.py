"""The hash chain of the audit trail, and the database's guard of it.

Each row's ``digest`` is the SHA-256 of its content in one canonical form (``digest_of``),
computed by the application when the row is built. The database seals rows into one chain:
``seq`` is the next number, ``prev_hash`` the previous row's ``hash`` and
``hash = sha256(prev_hash || digest)``.

Concurrency (PostgreSQL). The seal is a DEFERRABLE INITIALLY DEFERRED constraint trigger: it
runs at COMMIT, after all the transaction's other work, takes one transaction-scoped advisory
lock, reads the last sealed row (a fresh snapshot: the previous holder committed before releasing
the lock) and stamps the new rows. The lock is therefore held only for the last moments of a
commit, not for the whole of a dossier action, and since it is the last lock a transaction
takes it cannot be part of a deadlock. A rolled-back transaction seals nothing. The unique index
on ``seq`` turns any fork into an error rather than a silent branch.

SQLite serializes writers itself: an AFTER INSERT trigger seals the row at once, with the
``motcua_sha256`` function the app registers on every connection."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

# The SQL below names the table (audit_auditentry) and the chain's pg_advisory_xact_lock key,
# 120265915659617: "motcua" in ASCII.


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The columns a row's digest covers, in their canonical order.
DIGESTED_FIELDS = (
    "at",
    "actor_id",
    "action",
    "verb",
    "object_type",
    "object_id",
    "dossier_code",
    "reason",
    "data",
    "ip",
    "user_agent",
)


def digest_of(entry) -> str:
    """The SHA-256 of an audit row's content (``DIGESTED_FIELDS``; ``data`` as stored,
    JSON-normalised; the time in UTC)."""
    content = [getattr(entry, name) for name in DIGESTED_FIELDS]
    content[0] = content[0].astimezone(UTC).isoformat()
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return sha256_hex(text)


def link(prev_hash: str, digest: str) -> str:
    return sha256_hex(prev_hash + digest)


@dataclass(frozen=True)
class Break:
    """The first link that does not hold."""

    entry_id: int
    seq: int | None
    problem: str


@dataclass(frozen=True)
class Verdict:
    checked: int
    first_seq: int | None
    last_hash: str
    broken: Break | None


def verify(entries) -> Verdict:
    """Walk ``entries`` (AuditEntry rows in ``seq`` order, unsealed ones last) and report the
    first broken link. A first row with ``seq`` above 1 is where the kept trail starts (earlier
    rows archived, docs/security.md): its ``prev_hash`` is taken as given."""
    checked = 0
    first_seq = None
    prev_seq = None
    prev_hash = ""
    for entry in entries:
        if entry.seq is None:
            return Verdict(checked, first_seq, prev_hash, Break(entry.pk, None, "unsealed"))
        if prev_seq is None:
            first_seq = entry.seq
            prev_hash = entry.prev_hash if entry.seq > 1 else ""
        elif entry.seq != prev_seq + 1:
            return Verdict(checked, first_seq, prev_hash, Break(entry.pk, entry.seq, "gap"))
        if entry.prev_hash != prev_hash:
            return Verdict(checked, first_seq, prev_hash, Break(entry.pk, entry.seq, "prev_hash"))
        if digest_of(entry) != entry.digest:
            return Verdict(checked, first_seq, prev_hash, Break(entry.pk, entry.seq, "content"))
        if link(prev_hash, entry.digest) != entry.hash:
            return Verdict(checked, first_seq, prev_hash, Break(entry.pk, entry.seq, "hash"))
        prev_seq, prev_hash = entry.seq, entry.hash
        checked += 1
    return Verdict(checked, first_seq, prev_hash, None)


POSTGRES_INSTALL = """
CREATE OR REPLACE FUNCTION audit_seal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_seq bigint;
    last_hash varchar(64);
BEGIN
    PERFORM pg_advisory_xact_lock(120325461472609);
    SELECT seq, hash INTO last_seq, last_hash FROM audit_auditentry
        WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
    last_hash := COALESCE(last_hash, '');
    UPDATE audit_auditentry
        SET seq = COALESCE(last_seq, 0) + 1,
            prev_hash = last_hash,
            hash = encode(sha256(convert_to(last_hash || NEW.digest, 'UTF8')), 'hex')
        WHERE id = NEW.id;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The only change ever allowed: the seal above stamping a row not yet sealed.
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND pg_trigger_depth() > 1
       AND (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash')
           = (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE CONSTRAINT TRIGGER audit_seal AFTER INSERT ON audit_auditentry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_seal();

CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
"""

POSTGRES_UNINSTALL = """
DROP TRIGGER IF EXISTS audit_append_only ON audit_auditentry;
DROP TRIGGER IF EXISTS audit_seal ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_append_only();
DROP FUNCTION IF EXISTS audit_seal();
"""

SQLITE_INSTALL = """
CREATE TRIGGER audit_seal AFTER INSERT ON audit_auditentry
BEGIN
    UPDATE audit_auditentry SET
        seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_auditentry),
        prev_hash = COALESCE(
            (SELECT hash FROM audit_auditentry WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1), ''),
        hash = motcua_sha256(COALESCE(
            (SELECT hash FROM audit_auditentry WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1), '')
            || NEW.digest)
    WHERE id = NEW.id;
END;
"""

SQLITE_UNINSTALL = "DROP TRIGGER IF EXISTS audit_seal;"


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: SQLite has no SHA-256 of its own."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("motcua_sha256", 1, sha256_hex, deterministic=True)


def install(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_INSTALL.split("\n\n"):
            schema_editor.execute(statement, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_INSTALL, params=None)


def uninstall(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_UNINSTALL.strip().splitlines():
            schema_editor.execute(statement, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_UNINSTALL, params=None)
