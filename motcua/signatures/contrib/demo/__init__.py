"""The demo signer: a local certificate authority and keys made on first use (offline, tests)."""

from motcua.signatures import registry

from .backend import DemoSigner

registry.register(DemoSigner())
