import datetime

import pytest
from django.core.exceptions import ValidationError

from motcua.accounts import services
from motcua.accounts.models import User, UserKind
from motcua.agencies import services as agency_services
from motcua.agencies.constants import Role

pytestmark = pytest.mark.django_db


def test_register_citizen_creates_profile_and_normalises_phone():
    user = services.register_citizen(
        personal_id="068080001234",
        full_name="Nguyễn Văn An",
        date_of_birth=datetime.date(1980, 5, 17),
        password="Mat-khau-dai-2026",
        phone="+84 912 345 678",
    )
    assert user.kind == UserKind.CITIZEN
    assert user.username == "068080001234"
    assert user.phone == "0912345678"
    assert user.citizen_profile.personal_id == "068080001234"
    assert user.check_password("Mat-khau-dai-2026")


def test_register_citizen_refuses_mismatched_birth_year_and_saves_nothing():
    with pytest.raises(ValidationError):
        services.register_citizen(
            personal_id="068080001234",
            full_name="Nguyễn Văn An",
            date_of_birth=datetime.date(1981, 5, 17),
            password="x",
        )
    assert not User.objects.exists()


def test_same_personal_id_cannot_register_twice():
    kwargs = dict(
        personal_id="068080001234",
        full_name="A",
        date_of_birth=datetime.date(1980, 1, 1),
        password="Mat-khau-dai-2026",
    )
    services.register_citizen(**kwargs)
    with pytest.raises(ValidationError):
        services.register_citizen(**kwargs | {"username": "other"})
    assert User.objects.count() == 1


def test_business_account_with_bad_tax_code_is_refused_and_nothing_saved():
    with pytest.raises(ValidationError):
        services.register_business(tax_code="12-34", name="Công ty A", password="x")
    assert not User.objects.exists()
    user = services.register_business(tax_code="5800123456", name="Công ty A", password="x")
    assert user.kind == UserKind.BUSINESS and user.business_profile.tax_code == "5800123456"


def test_roles_are_for_officers_only(people, tree):
    with pytest.raises(ValidationError):
        agency_services.assign_role(
            people.citizen_a,
            unit=tree.commune_x,
            role=Role.SPECIALIST,
            valid_from=datetime.date(2025, 7, 1),
        )
