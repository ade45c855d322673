"""The registry of notification providers; contrib providers register when the app is ready."""

from __future__ import annotations

from .base import BaseProvider


class Registry:
    def __init__(self) -> None:
        self._providers: dict[str, BaseProvider] = {}

    def register(self, provider_class: type[BaseProvider]) -> type[BaseProvider]:
        provider = provider_class()
        if not provider.identifier or not provider.channel:
            raise ValueError(f"{provider_class.__name__} needs an identifier and a channel")
        self._providers[provider.identifier] = provider
        return provider_class

    def get(self, identifier: str) -> BaseProvider:
        return self._providers[identifier]

    def __contains__(self, identifier: str) -> bool:
        return identifier in self._providers


registry = Registry()
register = registry.register
