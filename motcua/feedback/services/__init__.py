"""Use cases of ratings and feedback. Each is one function and one transaction with its history
row and audit entry; views, admin and tests all call these."""

from .feedback import (
    answer,
    mark_repeat_complaint,
    publish,
    record_supplement,
    refuse,
    request_supplement,
    submit_feedback,
    transfer,
    vote,
    voter_key,
)
from .ratings import rate_at_counter, rate_dossier

__all__ = [
    "answer",
    "mark_repeat_complaint",
    "publish",
    "rate_at_counter",
    "rate_dossier",
    "record_supplement",
    "refuse",
    "request_supplement",
    "submit_feedback",
    "transfer",
    "vote",
    "voter_key",
]
