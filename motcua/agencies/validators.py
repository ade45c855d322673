"""Validation of electronic identity codes of agencies (mã định danh điện tử).

QCVN 102:2016/BTTTT and Decision 20/2020/QĐ-TTg give the four-group form
``V1V2V3.Z1Z2.Y1Y2.MX1X2``: three groups of digits, then a letter and two digits for the
level-1 body (``G`` ministries and central bodies, ``H`` provinces, …). Only the form is
checked; the hierarchy is never derived from the code (it is stored as a parent link).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

IDENTITY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


def normalize_identity_code(value: str) -> str:
    return value.strip().upper()


def validate_identity_code(value: str) -> None:
    if not IDENTITY_CODE_RE.match(value or ""):
        raise ValidationError(
            _(
                "Mã định danh “%(value)s” không đúng định dạng "
                "V1V2V3.Z1Z2.Y1Y2.MX1X2 (ví dụ 000.00.00.H42)."
            ),
            code="invalid_identity_code",
            params={"value": value},
        )
