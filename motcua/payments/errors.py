"""Refusals of the payment services: a Vietnamese message for the person, nothing changed."""

from django.core.exceptions import ValidationError


class PaymentError(ValidationError):
    """The payment cannot be started or recorded."""
