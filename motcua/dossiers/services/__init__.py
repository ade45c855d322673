"""The dossier's use cases. Each is one function, one transaction, one history row and one
enqueued dispatch; views, API, admin actions, commands and tests all call these."""

from ._core import identity_code_of
from .answers import correct_answers
from .assisted import confirm_by_signin, live_consent, start_consent, verify_code
from .clock_actions import (
    complete_supplement,
    confirm_payment,
    reappoint,
    record_fee_payment,
    request_payment,
    request_supplement,
)
from .closing import stop, withdraw
from .inputs import Applicant, AuthorisationInput, ComponentInput, applicant_kind_of
from .intake import (
    accept,
    receive,
    refuse_intake,
    request_intake_supplement,
    resubmit,
    save_draft,
    submit_online,
)
from .processing import assign, complete_step, return_step, return_transfer, transfer
from .receipt import noting_components
from .results import approve, record_result, return_result

__all__ = [
    "Applicant",
    "AuthorisationInput",
    "ComponentInput",
    "accept",
    "applicant_kind_of",
    "approve",
    "assign",
    "complete_step",
    "complete_supplement",
    "confirm_by_signin",
    "confirm_payment",
    "correct_answers",
    "identity_code_of",
    "live_consent",
    "noting_components",
    "reappoint",
    "receive",
    "record_fee_payment",
    "record_result",
    "refuse_intake",
    "request_intake_supplement",
    "request_payment",
    "request_supplement",
    "resubmit",
    "return_result",
    "return_step",
    "return_transfer",
    "save_draft",
    "start_consent",
    "stop",
    "submit_online",
    "transfer",
    "verify_code",
    "withdraw",
]
