"""Refusals of the counter services. Each carries a message for the person who acted and
leaves the database as it was."""

from django.core.exceptions import ValidationError


class CounterError(ValidationError):
    """Base of every refusal; interfaces show ``messages`` and change nothing."""


class NotPermitted(CounterError):
    """The person may not act at this counter."""


class RuleViolation(CounterError):
    """A rule forbids it: nobody waiting, a number already being served, rated already."""
