"""How a dossier's history rows read in templates."""

from __future__ import annotations

from django import template

from motcua.dossiers import selectors

register = template.Library()


@register.filter
def answer_changes(event) -> list[str]:
    """``{{ event|answer_changes }}``: “Label: old → new” for each corrected answer."""
    return selectors.answer_changes(event)


@register.filter
def assisted_note(event) -> str:
    """``{{ event|assisted_note }}``: who assisted an online filing at the counter (officers)."""
    return selectors.assisted_note(event)
