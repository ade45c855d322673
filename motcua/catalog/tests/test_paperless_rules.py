"""Administrators' paperless-day rules: checked before they are saved (only fully online
procedures, a desk unit, some day to apply, an end after the start), and when they apply."""

import datetime

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import make_officer
from motcua.catalog import paperless
from motcua.catalog.models import PaperlessRule
from motcua.catalog.tests import factories

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)


@pytest.fixture
def admin_client(client):
    client.force_login(make_officer("Quản trị", is_superuser=True))
    return client


@pytest.fixture
def desk(tree):
    return tree.commune_x


def _post(admin_client, desk, procedures, **overrides):
    data = {
        "unit": desk.pk,
        "weekdays": ["0", "2"],
        "procedures": [p.pk for p in procedures],
        "valid_from": "2026-03-02",
        "valid_to": "",
        "decision": "15/QĐ-UBND ngày 20/02/2026",
    } | overrides
    return admin_client.post(reverse("admin:catalog_paperlessrule_add"), data)


def test_an_administrator_sets_up_a_rule(admin_client, desk):
    online = factories.published("1.000001", online_level="full")
    assert admin_client.get(reverse("admin:catalog_paperlessrule_add")).status_code == 200
    response = _post(admin_client, desk, [online.procedure])
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = PaperlessRule.objects.get()
    assert rule.weekdays == [0, 2] and list(rule.procedures.all()) == [online.procedure]
    assert rule.days_text() == "Thứ Hai, Thứ Tư"
    listing = admin_client.get(reverse("admin:catalog_paperlessrule_changelist"))
    assert "Thứ Hai, Thứ Tư" in listing.content.decode()


def test_a_rule_that_cannot_apply_is_refused(admin_client, desk, tree):
    partial = factories.published("1.000002", online_level="partial")
    response = _post(admin_client, desk, [partial.procedure])
    assert response.status_code == 200
    assert "Chỉ được chọn thủ tục cung cấp dịch vụ công trực tuyến toàn trình" in (
        response.content.decode()
    )
    no_day = _post(admin_client, desk, [], weekdays=[])
    assert "Hãy chọn ít nhất một ngày trong tuần" in no_day.content.decode()
    backwards = _post(admin_client, desk, [], valid_to="2026-03-01")
    assert "Ngày hết hiệu lực phải sau ngày bắt đầu" in backwards.content.decode()
    no_desk = _post(admin_client, tree.department, [])
    assert "Chỉ áp dụng cho đơn vị có Bộ phận Một cửa" in no_desk.content.decode()
    assert not PaperlessRule.objects.exists()


def test_when_a_rule_applies(desk):
    online = factories.published("1.000003", online_level="full")
    other = factories.published("1.000004", online_level="full")
    rule = PaperlessRule.objects.create(
        unit=desk, weekdays=[0], valid_from=MONDAY, valid_to=MONDAY + datetime.timedelta(days=7)
    )
    rule.procedures.set([online.procedure])
    assert paperless.paperless_rule(desk, online, MONDAY) == rule
    assert paperless.paperless_rule(desk, online, MONDAY + datetime.timedelta(days=1)) is None
    assert paperless.paperless_rule(desk, other, MONDAY) is None
    assert paperless.paperless_rule(desk, online, MONDAY + datetime.timedelta(days=14)) is None
    rule.organisations_always = True
    rule.save()
    tuesday = MONDAY + datetime.timedelta(days=1)
    assert paperless.paperless_rule(desk, online, tuesday, "business") == rule
    assert paperless.paperless_rule(desk, online, tuesday, "citizen") is None
