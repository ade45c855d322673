"""Amounts in Vietnamese words, as a receipt writes "số tiền bằng chữ" (ND 123/2020 Art. 32):
150000 → "Một trăm năm mươi nghìn đồng". Groups of three digits read with nghìn, triệu, tỷ
(and tỷ again above: nghìn tỷ); a group after the first is read in full ("không trăm", "lẻ");
groups of zeros are left out, as accounting software prints them."""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu")
BILLION = 10**9


def _units(unit: int, tens: int) -> str:
    if unit == 1 and tens >= 2:
        return "mốt"
    if unit == 4 and tens >= 2:
        return "tư"
    if unit == 5 and tens >= 1:
        return "lăm"
    return DIGITS[unit]


def _group(number: int, *, full: bool) -> list[str]:
    hundreds, rest = divmod(number, 100)
    tens, unit = divmod(rest, 10)
    words = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if unit:
            words += (["lẻ"] if words else []) + [DIGITS[unit]]
    elif tens == 1:
        words.append("mười")
        if unit:
            words.append(_units(unit, tens))
    else:
        words += [DIGITS[tens], "mươi"]
        if unit:
            words.append(_units(unit, tens))
    return words


def _below_billion(number: int, *, full: bool) -> list[str]:
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    for scale in range(len(groups) - 1, -1, -1):
        group = groups[scale]
        if not group:
            continue
        words += _group(group, full=full or bool(words))
        if SCALES[scale]:
            words.append(SCALES[scale])
    return words


def _words(number: int, *, full: bool = False) -> list[str]:
    if number >= BILLION:
        high, low = divmod(number, BILLION)
        words = [*_words(high, full=full), "tỷ"]
        return words + (_below_billion(low, full=True) if low else [])
    return _below_billion(number, full=full)


def number_in_words(number: int) -> str:
    """A whole number ≥ 0 in lower-case Vietnamese words."""
    if number < 0:
        raise ValueError("negative amount")
    return " ".join(_words(int(number))) if number else DIGITS[0]


def amount_in_words(amount) -> str:
    """Whole đồng in words with a capital first letter: "Mười bốn nghìn đồng"."""
    text = f"{number_in_words(int(amount))} đồng"
    return text[0].upper() + text[1:]
