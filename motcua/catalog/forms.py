"""Form fields that ask the quantities a procedure's fees are counted by (số bản, số trang …),
for the portal's application form and the desk's intake form alike."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from . import fees
from .constants import MAX_FEE_QUANTITY

PREFIX = "qty_"


def quantity_fields(
    lines, *, form_fields_shown: bool, required: bool = True, skip=()
) -> dict[str, forms.Field]:
    """``{"qty_<quantity>": IntegerField}`` for every quantity ``lines`` need that is asked
    rather than read from the application form (all of them where the form is not shown),
    except those in ``skip``; each says which lines it counts. Not ``required``: the intake
    refuses a missing one only when it files a dossier whose channel's lines need it."""
    lines = list(lines)
    found = {}
    for quantity in fees.to_ask(lines, form_fields_shown=form_fields_shown):
        if quantity in skip:
            continue
        found[f"{PREFIX}{quantity}"] = forms.IntegerField(
            label=fees.question_label(quantity, lines),
            min_value=1,
            max_value=MAX_FEE_QUANTITY,
            required=required,
            help_text=_("Để tính: %(lines)s.")
            % {"lines": "; ".join(fees.users_of(quantity, lines))},
        )
    return found


def asked(cleaned_data: dict) -> dict[str, int]:
    """The quantities answered in a form built with ``quantity_fields``."""
    return {
        name.removeprefix(PREFIX): value
        for name, value in cleaned_data.items()
        if name.startswith(PREFIX) and value is not None
    }
