"""The demo signer backend: signs with keys issued by the local demo authority."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from motcua.signatures.base import SignerBackend, SignerIdentity

from . import authority

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.signers import SimpleSigner


class DemoSigner(SignerBackend):
    name = "demo"
    label = _("Chữ ký số thử nghiệm (CA demo)")

    def signer_for(self, identity: SignerIdentity) -> SimpleSigner:
        from pyhanko.sign.signers import SimpleSigner  # imported when signing (see base.py)

        material = authority.signer_material(identity)
        root = authority.authority()
        signer = SimpleSigner.load(
            key_file=str(material.key_path),
            cert_file=str(material.cert_path),
            ca_chain_files=(str(root.cert_path),),
        )
        if signer is None:
            raise RuntimeError(f"Could not load the demo signing key {material.key_path}.")
        return signer

    def trust_roots(self) -> list[asn1_x509.Certificate]:
        # asn1crypto (pyHanko's) imported when verifying, not at every process's start (#18).
        from asn1crypto import pem as asn1_pem
        from asn1crypto import x509 as asn1_x509

        pem = authority.authority().cert_path.read_bytes()
        _kind, _headers, der = asn1_pem.unarmor(pem)
        return [asn1_x509.Certificate.load(der)]
