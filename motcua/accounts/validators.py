"""Validators for personal identification numbers, phone numbers and tax codes."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Province codes that open a 12-digit personal identification number (mã tỉnh nơi đăng ký khai
# sinh, Circular 59/2021/TT-BCA appendix). They are the 63 pre-2025 provinces; the 2025 mergers did
# not renumber issued numbers.
PROVINCE_CODES = frozenset(
    (
        "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 "
        "034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 "
        "068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096"
    ).split()
)

# The fourth digit encodes century and sex: 0/1 for the 1900s, 2/3 the 2000s, 4/5 the 2100s,
# 6/7 the 2200s, 8/9 the 2300s (even male, odd female).
CENTURY_BY_DIGIT = {
    0: 1900,
    1: 1900,
    2: 2000,
    3: 2000,
    4: 2100,
    5: 2100,
    6: 2200,
    7: 2200,
    8: 2300,
    9: 2300,
}

# Mobile numbers: 10 digits (03, 05, 07, 08, 09); landlines: 11 digits starting 02 (since 2017).
PHONE_RE = re.compile(r"^0([35789]\d{8}|2\d{9})$")
TAX_CODE_RE = re.compile(r"^\d{10}(-\d{3})?$|^\d{12}$")
# Code of a unit with relations to the state budget (mã số đơn vị có quan hệ với ngân sách,
# ĐVQHNS; TT 185/2015/TT-BTC): 7 digits. Its first digit names the kind of unit [unconfirmed
# list], so only the length is checked.
BUDGET_UNIT_CODE_RE = re.compile(r"^\d{7}$")


def birth_year_of(personal_id: str) -> int:
    century = CENTURY_BY_DIGIT[int(personal_id[3])]
    return century + int(personal_id[4:6])


def validate_personal_id(value: str, date_of_birth: datetime.date | None = None) -> None:
    """A 12-digit personal identification number (số định danh cá nhân, số CCCD): digits only,
    a known province code, and a century/year that agree with the date of birth if given."""
    if not re.fullmatch(r"\d{12}", value or ""):
        raise ValidationError(
            _("Số định danh cá nhân phải gồm đúng 12 chữ số."), code="personal_id_format"
        )
    if value[:3] not in PROVINCE_CODES:
        raise ValidationError(
            _("Ba chữ số đầu “%(code)s” không phải mã tỉnh hợp lệ."),
            code="personal_id_province",
            params={"code": value[:3]},
        )
    if date_of_birth is not None and birth_year_of(value) != date_of_birth.year:
        raise ValidationError(
            _("Số định danh cá nhân không khớp với năm sinh %(year)d."),
            code="personal_id_birth_year",
            params={"year": date_of_birth.year},
        )


def normalize_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    return digits


def validate_phone(value: str) -> None:
    if not PHONE_RE.match(normalize_phone(value)):
        raise ValidationError(
            _(
                "Số điện thoại “%(value)s” không hợp lệ (di động 10 chữ số, cố định 11 chữ số, bắt đầu bằng 0)."
            ),
            code="phone_format",
            params={"value": value},
        )


def validate_tax_code(value: str) -> None:
    """Enterprise or tax code (mã số doanh nghiệp, mã số thuế): 10 digits, 10 digits plus a
    3-digit branch suffix, or a 12-digit personal number used as the tax code since 2025.
    Only the form is checked."""
    if not TAX_CODE_RE.match(value or ""):
        raise ValidationError(
            _("Mã số thuế phải có 10 chữ số, 10 chữ số kèm “-xxx”, hoặc 12 chữ số."),
            code="tax_code_format",
        )


def validate_organisation_code(value: str, *, state_agency: bool = False) -> None:
    """The code an organisation files under (MaDoiTuong): its tax code, or for a state agency
    (cơ quan nhà nước) its tax code or its budget-unit code (mã ĐVQHNS, 7 digits)."""
    if not state_agency:
        validate_tax_code(value)
    elif not (TAX_CODE_RE.match(value or "") or BUDGET_UNIT_CODE_RE.match(value or "")):
        raise ValidationError(
            _(
                "Mã số của cơ quan nhà nước là mã số thuế (10 chữ số, 10 chữ số kèm “-xxx”, hoặc "
                "12 chữ số) hoặc mã số đơn vị có quan hệ với ngân sách (mã ĐVQHNS, 7 chữ số)."
            ),
            code="state_agency_code_format",
        )
