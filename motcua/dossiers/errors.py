"""Refusals of the dossier services. Each carries a message for the person who acted (Vietnamese
source, translated) and leaves the database exactly as it was."""

from django.core.exceptions import ValidationError


class DossierError(ValidationError):
    """Base of every refusal; interfaces show ``messages`` and change nothing."""


class TransitionNotAllowed(DossierError):
    """The action is not possible from the dossier's current state."""


class NotPermitted(DossierError):
    """The person has no role that allows this action on this dossier."""


class StaleDossier(DossierError):
    """The dossier changed since the person opened it."""


class RuleViolation(DossierError):
    """The law or the rule set forbids it (deadlines, once-only rules, missing data)."""
