"""The catalogue officer previews a pull (nothing written), runs it (drafts, never published),
reads each pull's diff; others may not; the health page shows the pulls."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from motcua.catalog.constants import VersionStatus
from motcua.catalog.models import ProcedureVersion
from motcua.integrations.models import CataloguePull, PullOutcome

pytestmark = pytest.mark.django_db

PULL = "admin:integrations_cataloguepull_pull"


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_preview_then_pull(officer_client, province_catalogue, national_file):
    page = officer_client.get(reverse(PULL), {"mode": "all", "preview": "1"}).content.decode()
    assert "Xem trước: chưa ghi gì" in page
    assert 'id="tthc-1.004873" data-outcome="changed"' in page
    assert 'class="removed">Trực tiếp: 3 ngày làm việc' in page
    assert 'class="added">Trực tiếp: 2 ngày làm việc' in page
    assert 'data-outcome="new"' in page and "Đăng ký giám hộ" in page
    assert "1 thủ tục giống phiên bản mới nhất của tỉnh" in page
    assert not CataloguePull.objects.exists()

    answer = officer_client.post(reverse(PULL), {"mode": "all"}, follow=True)
    page = answer.content.decode()
    pull = CataloguePull.objects.get()
    assert answer.redirect_chain[-1][0].endswith(f"/{pull.pk}/change/")
    assert "tạo 4 bản nháp" in page and "Mở bản nháp để bổ sung và công bố" in page
    assert ProcedureVersion.objects.filter(status=VersionStatus.DRAFT).count() == 4
    assert not ProcedureVersion.objects.filter(
        status=VersionStatus.PUBLISHED, procedure__code="1.004837"
    ).exists()
    listing = officer_client.get(reverse("admin:integrations_cataloguepull_changelist"))
    assert "Lấy danh mục từ Cổng DVCQG" in listing.content.decode()

    health = officer_client.get(reverse("admin:integrations_health")).content.decode()
    assert "CSDL quốc gia về TTHC" in health


def test_bad_input_gets_a_message(officer_client, national_file):
    page = officer_client.get(reverse(PULL), {"mode": "codes", "preview": "1"}).content.decode()
    assert "Hãy nhập ít nhất một mã thủ tục" in page
    page = officer_client.get(
        reverse(PULL), {"mode": "changed", "since": "21/11/2026", "preview": "1"}
    ).content.decode()
    assert "năm-tháng-ngày" in page
    assert officer_client.post(reverse(PULL), {"mode": "codes"}).status_code == 200
    assert not CataloguePull.objects.exists()


def test_portal_down_shows_the_error(officer_client, national_file, monkeypatch):
    monkeypatch.setenv("DEMO_DVCQG_FAIL", "500")
    page = officer_client.get(reverse(PULL), {"mode": "all", "preview": "1"}).content.decode()
    assert "Không lấy được danh sách thủ tục" in page and "HTTP 500" in page
    answer = officer_client.post(reverse(PULL), {"mode": "all"}, follow=True)
    assert "HTTP 500" in answer.content.decode()
    assert CataloguePull.objects.get().outcome == PullOutcome.FAILED
    health = officer_client.get(reverse("admin:integrations_health")).content.decode()
    assert 'data-state="failing"' in health
    # The failed pull is what the health page's "dead letters" link lists.
    listing = reverse("admin:integrations_cataloguepull_changelist")
    answer = officer_client.get(listing + "?state__exact=dead", follow=True)
    assert answer.redirect_chain[-1][0].endswith("?outcome__in=partial,failed")
    assert "Thất bại" in answer.content.decode() and "HTTP 500" in answer.content.decode()


def test_who_may_not(client, national_file):
    assert client.get(reverse(PULL)).status_code == 302  # anonymous: to the login page
    staff = get_user_model().objects.create_user(
        username="nhanvien", password="x-Strong-Pass-2026", is_staff=True
    )
    client.force_login(staff)
    assert client.get(reverse(PULL)).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_cataloguepull"))
    staff = get_user_model().objects.get(pk=staff.pk)
    client.force_login(staff)
    assert client.get(reverse(PULL), {"mode": "all", "preview": "1"}).status_code == 200
    # Seeing pulls is not making drafts: the catalogue permissions are needed too.
    assert client.post(reverse(PULL), {"mode": "all"}).status_code == 403
    assert not CataloguePull.objects.exists()


def test_a_malformed_code_gets_a_message(officer_client, national_file):
    page = officer_client.get(
        reverse(PULL), {"mode": "codes", "codes": "1.004873, 1.48", "preview": "1"}
    ).content.decode()
    assert "Mã thủ tục “1.48” không đúng dạng" in page
    assert "Xem trước: chưa ghi gì" not in page
