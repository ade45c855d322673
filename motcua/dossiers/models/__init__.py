from .assisted import AssistedConsent, ConsentMethod
from .authorisation import Authorisation
from .dossier import Dossier
from .history import Event, IdempotencyKey
from .moves import DossierMove
from .parts import DossierComponent, DossierFee, DossierResult, ResultKind
from .process import DossierStep, Pause, Reappointment, SupplementRequest, SupplementStage, Transfer
from .rules import CodeCounter, RuleSet

__all__ = [
    "AssistedConsent",
    "Authorisation",
    "CodeCounter",
    "ConsentMethod",
    "Dossier",
    "DossierComponent",
    "DossierFee",
    "DossierMove",
    "DossierResult",
    "DossierStep",
    "Event",
    "IdempotencyKey",
    "Pause",
    "Reappointment",
    "ResultKind",
    "RuleSet",
    "SupplementRequest",
    "SupplementStage",
    "Transfer",
]
