import datetime

import pytest
from django.core.exceptions import ValidationError

from motcua.accounts.validators import (
    birth_year_of,
    normalize_phone,
    validate_personal_id,
    validate_phone,
    validate_tax_code,
)


@pytest.mark.parametrize(
    ("personal_id", "year"),
    [
        ("001080000123", 1980),
        ("068192123456", 1992),
        ("079205000001", 2005),
        ("001399000001", 2099),
    ],
)
def test_personal_id_encodes_the_birth_year(personal_id, year):
    validate_personal_id(personal_id)
    assert birth_year_of(personal_id) == year


@pytest.mark.parametrize(
    "bad", ["", "00108000012", "0010800001234", "00108000012a", "003080000123", "099080000123"]
)
def test_malformed_personal_ids_are_refused(bad):
    with pytest.raises(ValidationError):
        validate_personal_id(bad)


def test_personal_id_must_agree_with_the_date_of_birth():
    validate_personal_id("001080000123", datetime.date(1980, 1, 1))
    with pytest.raises(ValidationError) as info:
        validate_personal_id("001080000123", datetime.date(1981, 1, 1))
    assert "1981" in str(info.value)


@pytest.mark.parametrize("phone", ["0912345678", "+84912345678", "091 234 5678", "0283.123.4567"])
def test_phone_numbers(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["12345", "0112345678", "09123456789", "abc"])
def test_bad_phone_numbers(phone):
    with pytest.raises(ValidationError):
        validate_phone(phone)


def test_normalize_phone():
    assert normalize_phone("+84 912-345-678") == "0912345678"


@pytest.mark.parametrize("code", ["0101234567", "0101234567-001", "001080000123"])
def test_tax_codes(code):
    validate_tax_code(code)


@pytest.mark.parametrize("code", ["12345", "0101234567-1", "010123456X"])
def test_bad_tax_codes(code):
    with pytest.raises(ValidationError):
        validate_tax_code(code)
