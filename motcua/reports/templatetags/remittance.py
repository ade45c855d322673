"""``{% load remittance %}{% if user|sees_remittance %}``: whether the menu offers the
remittance pages (the unit's accountant, its managers and agency leaders)."""

from django import template

from motcua.payments import treasury_access

register = template.Library()


@register.filter
def sees_remittance(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_officer:
        return False
    return treasury_access.may_see_any(user)
