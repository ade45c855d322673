"""The signer plugin interface (style.md §10).

A signer backend turns a *signer key* — which agency seal or which official signs — into a
pyHanko ``Signer`` able to produce a CMS signature, and names the certificates it trusts as roots
for verification. The demo backend (``contrib/demo``) keeps a certificate authority and keys on
disk; a hardware token (PKCS#11, pyHanko's ``PKCS11Signer``) or a remote signing service (a
``Signer`` subclass whose ``async_sign_raw`` calls the service) fits the same two methods.

Signer keys are plain strings chosen by the caller; ``agency_key`` and ``person_key`` build the
ones motcua uses, so that every backend sees the same names.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pyHanko's signing stack takes about a second to import: only when signing
    from asn1crypto import x509
    from pyhanko.sign.signers import Signer


@dataclass(frozen=True)
class SignerIdentity:
    """Who a signer key stands for, as printed in a certificate's subject."""

    key: str
    common_name: str
    organization: str = ""


class SignerBackend(ABC):
    """One way of signing. Subclasses set ``name`` (the registry key) and ``label`` (shown to
    officers) and implement the two methods."""

    name: str = ""
    label: str = ""

    @abstractmethod
    def signer_for(self, identity: SignerIdentity) -> Signer:
        """A pyHanko signer holding the key and certificate chain of ``identity``; it may create
        them on first use (demo) or look them up (token, remote service)."""

    @abstractmethod
    def trust_roots(self) -> list[x509.Certificate]:
        """Root certificates that signatures made by this backend chain up to."""


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def agency_key(agency) -> str:
    """The signer key of an agency's seal (chữ ký số của cơ quan)."""
    return f"agency-{agency.code or agency.pk}"


def person_key(user) -> str:
    """The signer key of an official (chữ ký số cá nhân của người có thẩm quyền)."""
    return f"person-{user.username}"


def safe_key(signer_key: str) -> str:
    """``signer_key`` reduced to characters safe in a file name."""
    cleaned = _UNSAFE.sub("_", signer_key).strip("._")
    if not cleaned:
        raise ValueError(f"Unusable signer key: {signer_key!r}")
    return cleaned
