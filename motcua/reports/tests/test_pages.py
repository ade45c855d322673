"""The manager pages: who may see them, what they show, exports, and bounded queries."""

import datetime

import pytest
from django.urls import reverse

from motcua.agencies.constants import Role
from motcua.agencies.models import Membership

pytestmark = pytest.mark.django_db

MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def _get(client, name, params, *args):
    return client.get(reverse(f"reports:{name}", args=args), params)


def test_the_manager_sees_the_index_and_drills_down(march, people, tree, as_user):
    client = as_user(people.manager)
    response = _get(client, "index", {"agency": tree.province.code, **MARCH})
    assert response.status_code == 200
    page = response.content.decode()
    assert "2.1" in page and "/100" in page and "<svg" in page and 'role="img"' in page
    assert reverse("reports:indicator", args=["2.1"]) in page
    response = _get(client, "indicator", {"agency": tree.province.code, **MARCH}, "2.1")
    assert response.status_code == 200
    assert "yêu cầu bổ sung 2 lần" in response.content.decode().lower()
    assert len(response.context["costing"]) == 3 == response.context["costing_total"]


def test_the_periodic_report_page(march, people, tree, as_user):
    response = _get(as_user(people.manager), "periodic", {"agency": tree.province.code, **MARCH})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xã Thử X" in page and "Kỳ trước chuyển sang" in page
    assert response.context["report"].balanced


def test_pages_run_a_bounded_number_of_queries(
    march, people, tree, as_user, django_assert_max_num_queries
):
    client = as_user(people.manager)
    # ~29, plus ~16 for each child unit of the ranking (3 here): constant in the number of
    # dossiers, linear in the number of child units.
    with django_assert_max_num_queries(35 + 16 * 3):
        assert _get(client, "index", {"agency": tree.province.code, **MARCH}).status_code == 200
    with django_assert_max_num_queries(15):
        assert _get(client, "periodic", {"agency": tree.province.code, **MARCH}).status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
@pytest.mark.parametrize("report", ["index", "periodic", "3.6"])
def test_exports(march, people, tree, as_user, fmt, report, settings, tmp_path):
    # Built in the background (test_export_jobs.py): start, run the task, download.
    from motcua.reports.models import ReportExport
    from motcua.reports.tasks import build_export

    settings.MEDIA_ROOT = tmp_path
    client = as_user(people.manager)
    query = "&".join(f"{k}={v}" for k, v in {"agency": tree.province.code, **MARCH}.items())
    started = client.post(f"{reverse('reports:export', args=[report, fmt])}?{query}")
    assert started.status_code == 302
    job = ReportExport.objects.get()
    build_export.call(job.pk)
    response = client.get(reverse("reports:export_download", args=[job.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    if fmt == "csv":
        assert "Đơn vị" in body.decode("utf-8-sig") or "Mã" in body.decode("utf-8-sig")
    elif fmt == "xlsx":
        assert body[:2] == b"PK"
    else:
        assert body[:4] == b"%PDF" and b"DejaVuSans" in body  # the embedded TrueType font


def test_an_agency_leader_sees_their_subtree_only(march, people, tree, as_user):
    client = as_user(people.leader_x)
    assert _get(client, "index", {"agency": tree.commune_x.code, **MARCH}).status_code == 200
    assert _get(client, "index", {"agency": tree.province.code, **MARCH}).status_code == 404
    assert _get(client, "periodic", {"agency": tree.commune_y.code, **MARCH}).status_code == 404
    assert (
        _get(client, "export", {"agency": tree.province.code, **MARCH}, "index", "csv").status_code
        == 404
    )
    # Without an agency, their own.
    response = _get(client, "periodic", MARCH)
    assert response.status_code == 200 and response.context["agency"] == tree.commune_x


@pytest.mark.parametrize(
    "persona", ["citizen_a", "desk_x", "specialist_x", "specialist_department"]
)
def test_others_are_refused(db, people, tree, as_user, persona):
    client = as_user(getattr(people, persona))
    for name, args in (("index", ()), ("periodic", ()), ("indicator", ("2.1",))):
        assert _get(client, name, MARCH, *args).status_code == 403


def test_anonymous_visitors_go_to_the_sign_in(client, tree):
    response = _get(client, "index", MARCH)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_lapsed_membership_gives_no_access(people, tree, as_user):
    Membership.objects.filter(user=people.manager, role=Role.MANAGER).update(
        valid_to=datetime.date(2020, 1, 1)
    )
    assert _get(as_user(people.manager), "index", MARCH).status_code == 403


def test_bad_filters(people, tree, as_user):
    client = as_user(people.manager)
    assert _get(client, "index", {"start": "2026-03-31", "end": "2026-03-01"}).status_code == 400
    assert _get(client, "index", {"agency": "NOPE", **MARCH}).status_code == 404
    assert _get(client, "indicator", MARCH, "9.9").status_code == 404
    assert _get(client, "export", MARCH, "index", "doc").status_code == 404
