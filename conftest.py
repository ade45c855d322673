"""Personas shared by every test (style.md §8): two citizens, staff of two communes and of a
department, a manager of the province, and the anonymous visitor (the test client as is)."""

import datetime
import os
from types import SimpleNamespace

import pytest
from hypothesis import settings as hypothesis_settings

from motcua.accounts.tests.factories import PASSWORD, make_citizen, make_officer
from motcua.agencies.constants import Level, Role
from motcua.agencies.tests.factories import make_agency
from motcua.catalog.models import BoundaryFreeList

# CI explores the same examples every run (a red build is always reproducible); developers'
# runs explore new ones.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Production hashing costs ~0.3 s a user; personas would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The memory cache outlives a test; the throttle cache is a table, rolled back with the test.
    from django.core.cache import caches

    from motcua.catalog import selectors as catalog
    from motcua.dossiers import rulesets
    from motcua.worktime import selectors as calendars

    caches["default"].clear()
    calendars.invalidate()  # rows rolled back with the last test fire no signal
    catalog.forget_published_parts()
    rulesets.forget()
    yield
    caches["default"].clear()
    calendars.invalidate()
    catalog.forget_published_parts()
    rulesets.forget()


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """``force_login`` stands for a whole sign-in: an account that is asked a second factor gets
    a session verified by an authenticator app of its own, as the code page would leave it.
    The second factor's own tests go through the real pages (motcua/backoffice/second_factor)."""
    from django.test import Client

    signed_in = Client.force_login

    def force_login(client, user, backend=None):
        signed_in(client, user, backend)
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from motcua.backoffice.second_factor import policy

        if policy.asked_of(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="test")
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def tree(db):
    since = datetime.date(1990, 1, 1)
    province = make_agency(
        "Tỉnh Thử Nghiệm", level=Level.PROVINCE, code="000.00.00.H99", valid_from=since
    )
    department = make_agency(
        "Sở Tư pháp",
        level=Level.DEPARTMENT,
        parent=province,
        code="000.00.01.H99",
        valid_from=since,
    )
    commune_x = make_agency(
        "Xã Thử X", parent=province, code="000.00.31.H99", runs_one_stop_desk=True
    )
    commune_y = make_agency(
        "Xã Thử Y", parent=province, code="000.00.32.H99", runs_one_stop_desk=True
    )
    # Every procedure is taken at any desk of the province for any of its communes (ND 118/2025
    # Art. 14 §2), as the migration sets it for an existing province; tests of a procedure off
    # the list end or narrow it.
    boundary_free = BoundaryFreeList.objects.create(
        province=province, decision="1/QĐ-UBND", all_procedures=True, valid_from=since
    )
    return SimpleNamespace(
        province=province,
        department=department,
        commune_x=commune_x,
        commune_y=commune_y,
        boundary_free=boundary_free,
    )


@pytest.fixture
def people(tree):
    return SimpleNamespace(
        citizen_a=make_citizen("Nguyễn Văn An", phone="0912345678", email="an@example.vn"),
        citizen_b=make_citizen("Lê Thị Bích", date_of_birth=datetime.date(1992, 3, 8)),
        desk_x=make_officer(
            "Phạm Văn Cường", unit=tree.commune_x, role=Role.DESK_OFFICER, username="motcua.x"
        ),
        specialist_x=make_officer("Hoàng Thị Dung", unit=tree.commune_x, role=Role.SPECIALIST),
        leader_x=make_officer("Vũ Văn Em", unit=tree.commune_x, role=Role.AGENCY_LEADER),
        desk_y=make_officer("Đỗ Thị Giang", unit=tree.commune_y, role=Role.DESK_OFFICER),
        specialist_department=make_officer(
            "Bùi Văn Hải", unit=tree.department, role=Role.SPECIALIST
        ),
        manager=make_officer("Ngô Thị Lan", unit=tree.province, role=Role.MANAGER),
    )


@pytest.fixture
def as_user(client):
    """Log the test client in as a persona: ``as_user(people.citizen_a)``."""

    def login(user):
        client.force_login(user)
        return client

    return login
