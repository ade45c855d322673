"""The registry of postal operator plugins; contrib plugins register when the app is ready."""

from __future__ import annotations

from .base import BaseOperator


class Registry:
    def __init__(self) -> None:
        self._plugins: dict[str, BaseOperator] = {}

    def register(self, plugin_class: type[BaseOperator]) -> type[BaseOperator]:
        """Class decorator: ``@register`` on a ``BaseOperator`` subclass."""
        plugin = plugin_class()
        if not plugin.identifier:
            raise ValueError(f"{plugin_class.__name__} has no identifier")
        self._plugins[plugin.identifier] = plugin
        return plugin_class

    def get(self, identifier: str) -> BaseOperator:
        """The plugin; ``KeyError`` for an unknown identifier."""
        return self._plugins[identifier]

    def __contains__(self, identifier: str) -> bool:
        return identifier in self._plugins

    def __iter__(self):
        return iter(sorted(self._plugins.values(), key=lambda p: p.identifier))


registry = Registry()
register = registry.register
