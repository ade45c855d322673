"""Refusals of the rating and feedback services. Each carries a message for the person who acted
(Vietnamese source, translated) and leaves the database exactly as it was."""

from django.core.exceptions import ValidationError


class FeedbackError(ValidationError):
    """Base of every refusal; interfaces show ``messages`` and change nothing."""


class NotPermitted(FeedbackError):
    """The person may not do this to this dossier or feedback."""


class TransitionNotAllowed(FeedbackError):
    """The action is not possible from the feedback's current state."""


class RuleViolation(FeedbackError):
    """A rule forbids it: rated already, no result yet, missing data, voted already."""
