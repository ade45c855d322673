"""Numbers as Vietnamese readers write them — 1.234 and 65,73 — in the report pages, the charts
and the PDF exports alike (an English reader gets 1,234 and 65.73: the separators are the active
language's). Spreadsheets keep numbers as numbers with a display format (``XLSX_FORMATS``), which
the spreadsheet program shows in its own locale; CSV files keep the machine form (docs/reports.md).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import numberformat
from django.utils.formats import get_format

# Digits are grouped by thousands in every language we serve; Django's Vietnamese locale sets no
# grouping of its own (NUMBER_GROUPING 0), so it is given here.
GROUPING = 3
# Excel number formats: the spreadsheet program shows them with the reader's separators.
XLSX_FORMATS = {"int": "#,##0", "decimal": "#,##0.00"}


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def format_number(value, places: int | None = None) -> str:
    """``value`` with the language's decimal and thousands separators; ``places`` fixes the
    number of decimals (a Decimal keeps its own otherwise). Anything that is not a number comes
    back as text, unchanged (``"N/A"``, a label)."""
    if value is None:
        return ""
    if not is_number(value):
        return str(value)
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=GROUPING,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
