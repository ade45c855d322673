"""Factories for people. Accounts are created through the services, as in production."""

import datetime
import itertools

from motcua.accounts import services
from motcua.agencies import services as agency_services

PASSWORD = "Mat-khau-thu-2026"
_serial = itertools.count(1)


def personal_id_for(
    date_of_birth: datetime.date, *, province: str = "068", female: bool = False
) -> str:
    """A well-formed 12-digit personal identification number for a birth date."""
    century_digit = {1900: 0, 2000: 2}[date_of_birth.year // 100 * 100] + int(female)
    return f"{province}{century_digit}{date_of_birth.year % 100:02d}{next(_serial):06d}"


def make_citizen(
    full_name: str = "Nguyễn Văn An", *, date_of_birth=datetime.date(1980, 5, 17), **fields
):
    return services.register_citizen(
        personal_id=fields.pop("personal_id", None) or personal_id_for(date_of_birth),
        full_name=full_name,
        date_of_birth=date_of_birth,
        password=fields.pop("password", PASSWORD),
        **fields,
    )


def make_officer(full_name: str = "Trần Thị Bình", *, unit=None, role=None, **fields):
    user = services.create_officer(
        username=fields.pop("username", None) or f"canbo{next(_serial)}",
        full_name=full_name,
        password=fields.pop("password", PASSWORD),
        **fields,
    )
    if unit is not None and role is not None:
        agency_services.assign_role(
            user, unit=unit, role=role, valid_from=datetime.date(2025, 7, 1)
        )
    return user
