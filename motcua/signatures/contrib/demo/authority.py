"""A demo certificate authority and its end-entity certificates, kept under
``VAR_DIR/signing/`` (git-ignored, never committed). Nothing here is trusted outside a demo:
the root is self-signed and its private key lies on the server's disk."""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

from motcua.signatures.base import SignerIdentity, safe_key

CA_NAME = "motcua Demo CA – KHÔNG DÙNG THẬT"
CA_YEARS = 10
SIGNER_YEARS = 3
KEY_BITS = 2048


@dataclass(frozen=True)
class Material:
    key_path: Path
    cert_path: Path


def signing_dir() -> Path:
    return Path(settings.VAR_DIR) / "signing"


def _write(path: Path, data: bytes, *, private: bool) -> None:
    # Written to a temporary file then renamed, so a reader never sees half a key.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o600 if private else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _name(common_name: str, organization: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organization:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def _save(material: Material, key, cert: x509.Certificate) -> None:
    _write(
        material.key_path,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        private=True,
    )
    _write(material.cert_path, cert.public_bytes(serialization.Encoding.PEM), private=False)


def _load(material: Material):
    key = serialization.load_pem_private_key(material.key_path.read_bytes(), password=None)
    cert = x509.load_pem_x509_certificate(material.cert_path.read_bytes())
    return key, cert


@contextlib.contextmanager
def _locked():
    # Two workers starting at once must not make two different roots.
    signing_dir().mkdir(parents=True, exist_ok=True)
    with open(signing_dir() / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _exists(material: Material) -> bool:
    return material.key_path.exists() and material.cert_path.exists()


def authority() -> Material:
    """The demo root (created on first use)."""
    material = Material(signing_dir() / "ca.key", signing_dir() / "ca.pem")
    if _exists(material):
        return material
    with _locked():
        if not _exists(material):
            _make_authority(material)
    return material


def _make_authority(material: Material) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    subject = _name(CA_NAME, "motcua")
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    _save(material, key, cert)


def _issued_by(cert_path: Path, ca_cert: x509.Certificate) -> bool:
    """Whether the certificate at ``cert_path`` was issued by the current root (a root made
    again after ``ca.*`` was deleted makes older signer certificates useless)."""
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def signer_material(identity: SignerIdentity) -> Material:
    """The key and certificate of ``identity``, issued by the demo root on first use."""
    # Not Path.with_suffix: agency codes contain dots ("000.00.31.H99").
    folder, name = signing_dir() / "signers", safe_key(identity.key)
    material = Material(folder / f"{name}.key", folder / f"{name}.pem")
    root = authority()
    ca_cert = x509.load_pem_x509_certificate(root.cert_path.read_bytes())
    if _exists(material) and _issued_by(material.cert_path, ca_cert):
        return material
    with _locked():
        if not (_exists(material) and _issued_by(material.cert_path, ca_cert)):
            _issue(material, identity, root)
    return material


def _issue(material: Material, identity: SignerIdentity, root: Material) -> None:
    ca_key, ca_cert = _load(root)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(identity.common_name or identity.key, identity.organization))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365 * SIGNER_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    _save(material, key, cert)
