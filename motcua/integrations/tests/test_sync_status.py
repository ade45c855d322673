"""The officer's dossier page says where the dossier stands with the national portal."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.integrations.models import PortalMessage
from motcua.integrations.portal import outbox

from .conftest import vn

pytestmark = pytest.mark.django_db


def _page(client, dossier):
    return client.get(reverse("backoffice:dossier", args=[dossier.code]))


def test_the_page_shows_pending_synced_failing_and_dead(client, walk_in, people, monkeypatch):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    client.force_login(people.desk_x)
    page = _page(client, dossier).content.decode()
    assert 'data-sync="pending"' in page and "Đang chờ gửi 2 thông điệp" in page

    outbox.drain()
    page = _page(client, dossier).content.decode()
    assert 'data-sync="synced"' in page and "trạng thái 2 trên Cổng" in page

    monkeypatch.setenv("DEMO_DVCQG_FAIL", "500")
    from motcua.dossiers import services

    services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    outbox.drain()
    page = _page(client, dossier).content.decode()
    assert 'data-sync="failing"' in page and "HTTP 500" in page and "lần tới lúc" in page

    monkeypatch.setenv("DVCQG_MAX_ATTEMPTS", "2")
    outbox.drain(now=timezone.now() + datetime.timedelta(hours=2))
    assert PortalMessage.objects.filter(dossier=dossier, state="dead").count() == 1
    page = _page(client, dossier).content.decode()
    assert 'data-sync="dead"' in page and "quản trị viên" in page
