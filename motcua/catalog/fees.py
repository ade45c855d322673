"""How a fee line's amount follows the request (cách tính mức thu): once per dossier, or per
copy, per page of each copy, per other item, with a lower rate from some unit on and a cap —
e.g. copy certification, "2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa
200.000 đồng/bản" (TT 226/2016/TT-BTC Art. 4).

Pure functions over anything shaped like a ``FeeLine`` (the model, or a line of a catalogue
file), so the administration, the catalogue file, the publication check, intake and every page
that prints an amount read the same rules."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .constants import MAX_FEE_QUANTITY, FeeBasis, Quantity

# The quantities a line of each basis is counted by, each with the attribute of the line that
# may name the application-form field holding it.
NEEDS: dict[str, tuple[tuple[str, str], ...]] = {
    FeeBasis.FIXED: (),
    FeeBasis.PER_COPY: ((Quantity.COPIES, "quantity_field"),),
    FeeBasis.PER_PAGE: ((Quantity.PAGES, "quantity_field"), (Quantity.COPIES, "copies_field")),
    FeeBasis.PER_ITEM: ((Quantity.ITEMS, "quantity_field"),),
}
QUANTITY_ORDER = (Quantity.COPIES, Quantity.PAGES, Quantity.ITEMS)
VARIABLE_ONLY = ("unit", "quantity_field", "copies_field", "tier_from", "tier_amount", "maximum")


@dataclass(frozen=True)
class Rule:
    """The counting rule of a fee line, from a model row or a catalogue-file line."""

    name: str
    amount: Decimal
    basis: str = FeeBasis.FIXED
    unit: str = ""
    quantity_field: str = ""
    copies_field: str = ""
    tier_from: int | None = None
    tier_amount: Decimal | None = None
    maximum: Decimal | None = None

    @classmethod
    def of(cls, line: Any) -> Rule:
        if isinstance(line, Rule):
            return line
        get = line.get if isinstance(line, dict) else lambda key, default: getattr(line, key)
        return cls(
            name=get("name", ""),
            amount=Decimal(get("amount", 0) or 0),
            basis=get("basis", FeeBasis.FIXED) or FeeBasis.FIXED,
            unit=get("unit", "") or "",
            quantity_field=get("quantity_field", "") or "",
            copies_field=get("copies_field", "") or "",
            tier_from=get("tier_from", None),
            tier_amount=get("tier_amount", None),
            maximum=get("maximum", None),
        )

    @property
    def is_variable(self) -> bool:
        return self.basis != FeeBasis.FIXED


def is_waived(line) -> bool:
    """A line that costs nothing whatever is asked (miễn): shown, never collected."""
    rule = Rule.of(line)
    return not rule.amount and not rule.tier_amount


def unit_of(line) -> str:
    """What one unit of the line is called: its own unit, or bản / trang / trường hợp."""
    rule = Rule.of(line)
    if rule.unit:
        return rule.unit
    return {
        FeeBasis.PER_COPY: _("bản"),
        FeeBasis.PER_PAGE: _("trang"),
        FeeBasis.PER_ITEM: pgettext("fee unit", "trường hợp"),
    }.get(rule.basis, "")


def money_text(amount) -> str:
    """An amount as a person reads it on a page or a form: "50.000 đồng", or "miễn" for 0 đ
    (a fee waived is never shown as a debt of 0 đồng)."""
    if amount is None:
        return ""
    value = int(amount)
    if value == 0:
        return _("miễn")
    return _("%(amount)s đồng") % {"amount": f"{value:,}".replace(",", ".")}


def rate_text(line) -> str:
    """The published rate: "50.000 đồng", "2.000 đồng/bản", "2.000 đồng/trang; từ trang thứ 3:
    1.000 đồng/trang; tối đa 200.000 đồng/bản", or "miễn"."""
    rule = Rule.of(line)
    if is_waived(rule):
        return _("miễn")
    if not rule.is_variable:
        return money_text(rule.amount)
    unit = unit_of(rule)
    parts = [f"{money_text(rule.amount)}/{unit}"]
    if rule.tier_from and rule.tier_amount is not None:
        parts.append(
            _("từ %(unit)s thứ %(n)d: %(rate)s/%(unit)s")
            % {"unit": unit, "n": rule.tier_from, "rate": money_text(rule.tier_amount)}
        )
    if rule.maximum is not None:
        cap = money_text(rule.maximum)
        parts.append(
            _("tối đa %(cap)s/bản") % {"cap": cap}
            if rule.basis == FeeBasis.PER_PAGE
            else _("tối đa %(cap)s") % {"cap": cap}
        )
    return "; ".join(parts)


def _counted(rule: Rule, count: int) -> Decimal:
    """``count`` units: the base rate up to ``tier_from`` - 1, the tier rate from there on,
    capped at ``maximum``."""
    if rule.tier_from and rule.tier_amount is not None and count >= rule.tier_from:
        amount = rule.amount * (rule.tier_from - 1) + rule.tier_amount * (
            count - rule.tier_from + 1
        )
    else:
        amount = rule.amount * count
    if rule.maximum is not None:
        amount = min(amount, rule.maximum)
    return Decimal(amount)


def total(line, quantities: dict[str, int]) -> Decimal:
    """What the line costs for a request of ``quantities`` (Quantity → count): per page, the
    pages of one copy (tier and cap per copy) times the copies."""
    rule = Rule.of(line)
    if rule.basis == FeeBasis.PER_COPY:
        return _counted(rule, quantities[Quantity.COPIES])
    if rule.basis == FeeBasis.PER_PAGE:
        return _counted(rule, quantities[Quantity.PAGES]) * quantities[Quantity.COPIES]
    if rule.basis == FeeBasis.PER_ITEM:
        return _counted(rule, quantities[Quantity.ITEMS])
    return rule.amount


def quantity_text(basis: str, unit: str, quantity: int, copies: int) -> str:
    """How much was asked, as a dossier's fee line shows it: "3 bản", "5 trang × 2 bản", "" for
    a fixed line."""
    if basis == FeeBasis.PER_PAGE:
        return _("%(pages)d %(unit)s × %(copies)d bản") % {
            "pages": quantity,
            "unit": unit,
            "copies": copies,
        }
    if basis in (FeeBasis.PER_COPY, FeeBasis.PER_ITEM):
        return f"{quantity} {unit}"
    return ""


class QuantityMissing(ValueError):
    """A variable line whose quantity was neither asked nor found in the application form."""

    def __init__(self, line, quantity: str, field: str):
        self.line, self.quantity, self.field = line, quantity, field
        label = question_label(quantity, [line])
        if field:
            message = _(
                "Chưa có %(what)s (trường “%(field)s” của tờ khai) để tính khoản “%(name)s”; "
                "hãy nhập số nguyên từ 1 đến %(max)d."
            ) % {"what": label.lower(), "field": field, "name": line.name, "max": MAX_FEE_QUANTITY}
        else:
            message = _(
                "Chưa nhập %(what)s để tính khoản “%(name)s”; hãy nhập số nguyên từ 1 đến %(max)d."
            ) % {"what": label.lower(), "name": line.name, "max": MAX_FEE_QUANTITY}
        super().__init__(message)


def as_count(value) -> int | None:
    """A quantity as given (a form's integer or JSON text), or None if it is not 1…9999."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and 1 <= value <= MAX_FEE_QUANTITY:
        return value
    return None


def resolve(line, asked: dict, fields: dict) -> dict[str, int]:
    """The quantities ``line`` is counted by: each one asked (portal or desk) when given,
    otherwise the answer of the application-form field the catalogue names. QuantityMissing if
    one is neither."""
    rule = Rule.of(line)
    found = {}
    for quantity, attribute in NEEDS[rule.basis]:
        field = getattr(rule, attribute)
        count = as_count(asked.get(quantity))
        if count is None and field:
            count = as_count(fields.get(field))
        if count is None:
            raise QuantityMissing(rule, quantity, "" if quantity in asked else field)
        found[quantity] = count
    return found


def to_ask(lines, *, form_fields_shown: bool) -> list[str]:
    """The quantities to ask for ``lines``: all of them where the application form is not shown
    (the desk), otherwise those no form field gives."""
    wanted = set()
    for line in lines:
        rule = Rule.of(line)
        for quantity, attribute in NEEDS[rule.basis]:
            if not (form_fields_shown and getattr(rule, attribute)):
                wanted.add(quantity)
    return [q for q in QUANTITY_ORDER if q in wanted]


def question_label(quantity: str, lines) -> str:
    """The question for ``quantity``: "Số bản", "Số trang của mỗi bản", "Số <unit>"."""
    rules = [Rule.of(line) for line in lines]
    if quantity == Quantity.PAGES:
        return str(Quantity.PAGES.label)
    basis = FeeBasis.PER_ITEM if quantity == Quantity.ITEMS else FeeBasis.PER_COPY
    units = [unit_of(rule) for rule in rules if rule.basis == basis]
    if units:
        return _("Số %(unit)s") % {"unit": units[0]}
    return str(Quantity(quantity).label)


def users_of(quantity: str, lines) -> list[str]:
    """ "<name> (<rate>)" of every line counted by ``quantity``: what the answer is used for."""
    used = []
    for line in lines:
        rule = Rule.of(line)
        if any(q == quantity for q, _attribute in NEEDS[rule.basis]):
            used.append(f"{rule.name} ({rate_text(rule)})")
    return used


def _field_problem(rule: Rule, attribute: str, form_fields: list[dict]) -> str | None:
    name = getattr(rule, attribute)
    if not name:
        return None
    spec = next((f for f in form_fields if f.get("name") == name), None)
    if spec is None:
        return _("tờ khai không có trường “%(name)s”") % {"name": name}
    if spec.get("kind") != "integer" or not spec.get("required") or (spec.get("min") or 0) < 1:
        return _("trường “%(name)s” phải là trường số nguyên, bắt buộc, nhỏ nhất là 1") % {
            "name": name
        }
    return None


def rule_problems(line, form_fields: list[dict]) -> list[tuple[str, str]]:
    """What is wrong with a line's counting rule, as (attribute, message) pairs."""
    rule = Rule.of(line)
    problems = []
    if not rule.is_variable:
        for attribute in VARIABLE_ONLY:
            if getattr(rule, attribute) not in (None, ""):
                problems.append(
                    (attribute, _("chỉ dùng khi tính theo bản, theo trang hoặc theo trường hợp"))
                )
        return problems
    if rule.copies_field and rule.basis != FeeBasis.PER_PAGE:
        problems.append(("copies_field", _("chỉ dùng khi tính theo trang")))
    if (rule.tier_from is None) != (rule.tier_amount is None):
        missing = "tier_amount" if rule.tier_amount is None else "tier_from"
        problems.append((missing, _("phải ghi cả đơn vị bắt đầu và mức thu từ đơn vị đó")))
    if rule.tier_from is not None and rule.tier_from < 2:
        problems.append(("tier_from", _("phải từ 2 trở lên")))
    if rule.maximum is not None and rule.maximum < max(rule.amount, Decimal(1)):
        problems.append(("maximum", _("không được nhỏ hơn mức thu một đơn vị")))
    for attribute in ("quantity_field", "copies_field"):
        message = _field_problem(rule, attribute, form_fields)
        if message:
            problems.append((attribute, message))
    return problems


def channel_problems(lines) -> list[tuple[int, str]]:
    """Lines of one channel counted per item share one unit: the request has one number of
    items. (index of the line, message) pairs."""
    rules = [Rule.of(line) for line in lines]
    units = [unit_of(r) for r in rules if r.basis == FeeBasis.PER_ITEM]
    return [
        (index, _("các khoản tính theo trường hợp của một kênh phải cùng đơn vị tính"))
        for index, rule in enumerate(rules)
        if rule.basis == FeeBasis.PER_ITEM and unit_of(rule) != units[0]
    ]


@dataclass(frozen=True)
class Estimate:
    """One line of what a request will cost, before it is filed: the amount, or None while a
    quantity it needs is still missing."""

    name: str
    rate: str
    quantity: str
    amount: Decimal | None

    @property
    def amount_text(self) -> str:
        return money_text(self.amount) if self.amount is not None else "–"

    @property
    def is_waived(self) -> bool:
        return self.amount is not None and self.amount == 0


def estimate(lines, asked: dict, answers: dict) -> list[Estimate]:
    """What each line will cost for the quantities known so far (as ``copy_fees`` will compute
    it on filing)."""
    out = []
    for line in lines:
        rule = Rule.of(line)
        try:
            counts = resolve(rule, asked, answers)
        except QuantityMissing:
            out.append(Estimate(rule.name, rate_text(rule), "", None))
            continue
        needs = NEEDS[rule.basis]
        text = quantity_text(
            rule.basis,
            unit_of(rule),
            counts[needs[0][0]] if needs else 1,
            counts.get(Quantity.COPIES, 1),
        )
        out.append(Estimate(rule.name, rate_text(rule), text, total(rule, counts)))
    return out
