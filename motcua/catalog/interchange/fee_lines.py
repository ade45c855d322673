"""Fee lines in a catalogue file (``channels[].fee_lines`` of a version): amount, stage and the
counting rule (docs/catalog.md, *Fees that follow the request*), with the path of every fault."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .. import fees
from ..constants import FeeBasis, FeeKind, FeeStage

if TYPE_CHECKING:
    from .schema import Reader

MAX_DONG = Decimal(10) ** 14 - 1


def _optional_dong(reader: Reader, data: dict, key: str, path: str) -> Decimal | None:
    if data.get(key) is None:
        return None
    return reader.decimal(data, key, path, places=0, maximum=MAX_DONG)


def parse_fee_line(reader: Reader, raw: Any, path: str) -> dict:
    data = reader.obj(raw, path)
    return {
        "name": reader.text(data, "name", path, required=True, max_length=255),
        "code": reader.text(data, "code", path, max_length=50),
        "kind": reader.choice(data, "kind", path, FeeKind, default=FeeKind.CHARGE),
        "amount": reader.decimal(data, "amount", path, places=0, maximum=MAX_DONG),
        "stage": reader.choice(data, "stage", path, FeeStage, default=FeeStage.AT_RECEIPT),
        "description": reader.text(data, "description", path),
        "basis": reader.choice(data, "basis", path, FeeBasis, default=FeeBasis.FIXED),
        "unit": reader.text(data, "unit", path, max_length=40),
        "quantity_field": reader.text(data, "quantity_field", path, max_length=40),
        "copies_field": reader.text(data, "copies_field", path, max_length=40),
        "tier_from": reader.integer(data, "tier_from", path, default=None, minimum=2),
        "tier_amount": _optional_dong(reader, data, "tier_amount", path),
        "maximum": _optional_dong(reader, data, "maximum", path),
    }


def check_fee_rules(reader: Reader, channels: list[dict], form_fields: list[dict], path: str):
    """Each fee line's counting rule against the version's application form (the field it
    takes a quantity from must exist), with the path of every fault."""
    for c_index, channel in enumerate(channels):
        where = f"{path}.channels[{c_index}]"
        for index, message in fees.channel_problems(channel["fee_lines"]):
            reader.fail(f"{where}.fee_lines[{index}].unit", message)
        for f_index, line in enumerate(channel["fee_lines"]):
            for attribute, message in fees.rule_problems(line, form_fields):
                reader.fail(f"{where}.fee_lines[{f_index}].{attribute}", message)
