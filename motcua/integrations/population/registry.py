"""The registry of population-register plugins; contrib plugins register when the app is ready.
``POPULATION_PROVIDER`` (default ``demo``) chooses the one used."""

from __future__ import annotations

import os

from .base import BasePlugin


class Registry:
    def __init__(self) -> None:
        self._plugins: dict[str, BasePlugin] = {}

    def register(self, plugin_class: type[BasePlugin]) -> type[BasePlugin]:
        """Class decorator: ``@register`` on a ``BasePlugin`` subclass."""
        plugin = plugin_class()
        if not plugin.identifier:
            raise ValueError(f"{plugin_class.__name__} has no identifier")
        self._plugins[plugin.identifier] = plugin
        return plugin_class

    def get(self, identifier: str) -> BasePlugin:
        """The plugin; ``KeyError`` for an unknown identifier."""
        return self._plugins[identifier]

    def __contains__(self, identifier: str) -> bool:
        return identifier in self._plugins

    def __iter__(self):
        return iter(sorted(self._plugins.values(), key=lambda p: p.identifier))


registry = Registry()
register = registry.register


def provider_name() -> str:
    return os.environ.get("POPULATION_PROVIDER", "demo")


def current() -> BasePlugin:
    return registry.get(provider_name())
