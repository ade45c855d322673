"""The default rule sets of the two legal regimes (ND 118/2025 carried forward the 2018 values as
far as the domain reference knows; administrators correct them in the admin)."""

import datetime

from django.db import DEFAULT_DB_ALIAS

DEFAULT_RULE_SETS = [
    {
        "name": "NĐ 61/2018",
        "legal_basis": "Nghị định 61/2018/NĐ-CP; Thông tư 01/2018/TT-VPCP",
        "valid_from": datetime.date(2018, 6, 21),
        "valid_to": datetime.date(2025, 6, 30),
        "form_set": "2018",
    },
    {
        "name": "NĐ 118/2025",
        "legal_basis": "Nghị định 118/2025/NĐ-CP; Thông tư 03/2025/TT-VPCP",
        "valid_from": datetime.date(2025, 7, 1),
        "valid_to": None,
        "form_set": "2025",
    },
]


def ensure_rule_sets(sender=None, using=DEFAULT_DB_ALIAS, apps=None, **kwargs) -> None:
    """Create the default rule sets that are missing; never change existing ones."""
    if apps is not None:
        try:
            model = apps.get_model("dossiers", "RuleSet")
        except LookupError:
            return
    else:
        from .models import RuleSet as model
    for values in DEFAULT_RULE_SETS:
        model.objects.using(using).get_or_create(name=values["name"], defaults=values)
