"""Models of the procedure catalogue, split by meaning."""

from .boundary import BoundaryFreeList
from .channels import ChannelTerm, FeeLine
from .documents import Component, FormTemplate
from .paperless import PaperlessRule
from .procedures import (
    Field,
    LegalBasis,
    LinkedProcedure,
    Procedure,
    ProcedureVersion,
    VersionAgency,
    VersionEvent,
)
from .process import InternalProcess, ProcessStep
from .synonyms import SearchSynonym

__all__ = [
    "BoundaryFreeList",
    "ChannelTerm",
    "Component",
    "FeeLine",
    "Field",
    "FormTemplate",
    "InternalProcess",
    "LegalBasis",
    "LinkedProcedure",
    "PaperlessRule",
    "Procedure",
    "ProcedureVersion",
    "ProcessStep",
    "SearchSynonym",
    "VersionAgency",
    "VersionEvent",
]
