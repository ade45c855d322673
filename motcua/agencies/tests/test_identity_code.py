import pytest
from django.core.exceptions import ValidationError

from motcua.agencies.validators import normalize_identity_code, validate_identity_code


@pytest.mark.parametrize(
    "code",
    ["000.00.00.H42", "000.00.00.G17", "000.01.01.H08", "000.02.01.H01", "123.45.67.H20"],
)
def test_valid_identity_codes(code):
    validate_identity_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "000.00.00.H4",  # two digits after the letter
        "000.00.00.42",  # no letter
        "00.00.00.H42",  # first group is three digits
        "000.000.00.H42",
        "000-00-00-H42",
        "000.00.00.h42",  # lower case is normalised before validation, not accepted raw
        " 000.00.00.H42",
        "000.00.00.H42.1",
    ],
)
def test_invalid_identity_codes_say_what_is_expected(code):
    with pytest.raises(ValidationError) as info:
        validate_identity_code(code)
    assert "V1V2V3.Z1Z2.Y1Y2.MX1X2" in str(info.value)


def test_normalisation_strips_and_upper_cases():
    assert normalize_identity_code(" 000.00.00.h42 ") == "000.00.00.H42"
