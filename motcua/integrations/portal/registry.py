"""The registry of national portal plugins; contrib plugins register when the app is ready."""

from __future__ import annotations

from .base import BasePortal

_plugins: dict[str, BasePortal] = {}


def register(plugin_class: type[BasePortal]) -> type[BasePortal]:
    """Class decorator: ``@register`` on a ``BasePortal`` subclass."""
    plugin = plugin_class()
    if not plugin.identifier:
        raise ValueError(f"{plugin_class.__name__} has no identifier")
    _plugins[plugin.identifier] = plugin
    return plugin_class


def get(identifier: str) -> BasePortal:
    """The plugin; ``KeyError`` for an unknown identifier."""
    return _plugins[identifier]


def identifiers() -> list[str]:
    return sorted(_plugins)
