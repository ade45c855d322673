"""The interface of notification providers (style.md §10): one per channel and vendor."""

from __future__ import annotations

import abc


class ProviderError(Exception):
    """The provider could not take the message now; the delivery is retried later."""


class BaseProvider(abc.ABC):
    identifier: str = ""
    channel: str = ""
    verbose_name: str = ""

    @abc.abstractmethod
    def send(self, *, recipient: str, subject: str, body: str) -> str:
        """Hand the message to the provider; return its message id (may be empty). Raise
        ``ProviderError`` (or any exception) when it was not accepted."""
