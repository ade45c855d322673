"""The indicator drill-down page: its figures are the index's (both from the aggregates), its
list of the dossiers costing points is read a page at a time and, page after page, is the whole
list the one-by-one drill-down gives; access as the other manager pages."""

import pytest
from django.urls import reverse

from motcua.reports.common.periods import Period
from motcua.reports.index766 import costing
from motcua.reports.selectors import indicator_drilldown

pytestmark = pytest.mark.django_db

PERIODS = [
    {"start": "2026-03-01", "end": "2026-03-31"},
    {"start": "2026-03-02", "end": "2026-03-04"},
    {"start": "2026-01-01", "end": "2026-06-30"},
]
FIGURES = ("numerator", "denominator", "ratio", "points", "max", "not_applicable")


def _get(client, name, params, *args):
    return client.get(reverse(f"reports:{name}", args=args), params)


def _period(params) -> Period:
    import datetime

    return Period(
        datetime.date.fromisoformat(params["start"]), datetime.date.fromisoformat(params["end"])
    )


@pytest.mark.parametrize("period", PERIODS)
def test_the_figures_are_the_index_figures(march, people, tree, as_user, period):
    client = as_user(people.manager)
    # The province has child units (the communes); the commune has none.
    for agency in (tree.province, tree.commune_x):
        params = {"agency": agency.code, **period}
        index = _get(client, "index", params).context["index"]
        for indicator_id in ("1.4", "2.1", "2.2", "3.3", "3.6", "4.2", "4.4", "5.4", "1.1"):
            response = _get(client, "indicator", params, indicator_id)
            assert response.status_code == 200
            shown = response.context["indicator"]
            expected = index.indicator(indicator_id)
            assert [getattr(shown, f) for f in FIGURES] == [
                getattr(expected, f) for f in FIGURES
            ], (agency.code, period, indicator_id)


def _walk(client, params, indicator_id) -> list:
    """Every page of the list, following the "next page" links."""
    items, query = [], dict(params)
    for _page in range(50):
        response = _get(client, "indicator", query, indicator_id)
        assert response.status_code == 200
        items.extend(response.context["costing"])
        following = response.context["next_query"]
        if following is None:
            return items
        query = dict(pair.split("=", 1) for pair in following.split("&"))
        from urllib.parse import unquote_plus

        query = {k: unquote_plus(v) for k, v in query.items()}
    raise AssertionError("the pages never end")


@pytest.mark.parametrize("period", PERIODS[:2])
def test_page_after_page_the_list_is_the_whole_drill_down(
    march, people, tree, as_user, monkeypatch, period
):
    monkeypatch.setattr(costing, "PAGE_SIZE", 2)
    monkeypatch.setattr(costing, "CHUNK", 3)
    client = as_user(people.manager)
    params = {"agency": tree.province.code, **period}
    seen_costing = False
    for indicator_id in sorted(costing.POPULATION):
        expected = indicator_drilldown(tree.province, _period(period), indicator_id).costing
        listed = _walk(client, params, indicator_id)
        assert [(i.key, i.reason) for i in listed] == [(i.key, i.reason) for i in expected], (
            indicator_id
        )
        seen_costing = seen_costing or len(expected) > 2
    assert seen_costing  # some list spans several pages


def test_a_page_stops_after_the_scan_limit_and_goes_on(march, people, tree, as_user, monkeypatch):
    monkeypatch.setattr(costing, "SCAN_LIMIT", 2)
    monkeypatch.setattr(costing, "CHUNK", 1)
    client = as_user(people.manager)
    params = {"agency": tree.province.code, **PERIODS[0]}
    expected = indicator_drilldown(tree.province, _period(PERIODS[0]), "4.3").costing
    assert len(expected) > 2
    assert [i.key for i in _walk(client, params, "4.3")] == [i.key for i in expected]
    first = _get(client, "indicator", params, "4.3")
    assert first.context["next_query"] is not None
    assert len(first.context["costing"]) <= 2


def test_a_bad_cursor_gives_the_first_page(march, people, tree, as_user):
    client = as_user(people.manager)
    params = {"agency": tree.province.code, **PERIODS[0]}
    first = _get(client, "indicator", params, "2.1").context["costing"]
    for cursor in ("x", "2026-13-01~1", "2026-03-01T00:00:00~-4", "2026-03-01T00:00~abc", "~"):
        response = _get(client, "indicator", {**params, "sau": cursor}, "2.1")
        assert response.status_code == 200
        assert response.context["costing"] == first
    response = _get(client, "indicator", {**params, "trang": "zz"}, "1.1")
    assert response.status_code == 200


def test_another_agencys_manager_and_anonymous_visitors_are_refused(
    march, people, tree, as_user, client
):
    params = {"agency": tree.province.code, **PERIODS[0]}
    response = _get(client, "indicator", params, "2.1")
    assert response.status_code == 302 and "login" in response["Location"]
    leader_x = as_user(people.leader_x)
    assert _get(leader_x, "indicator", params, "2.1").status_code == 404
    own = _get(leader_x, "indicator", {**params, "agency": tree.commune_y.code}, "2.1")
    assert own.status_code == 404


def test_the_late_candidates_are_read_from_each_dossiers_own_contribution(march):
    """2.1's candidates: a dossier whose stored contribution counts it late (ended late, open
    past its due time), or one with no contribution stored; not one stored as never late."""
    from motcua.dossiers.models import Dossier
    from motcua.reports.aggregates.models import DossierContribution

    def late() -> set[int]:
        return set(Dossier.objects.filter(costing.candidates("2.1")).values_list("pk", flat=True))

    assert DossierContribution.objects.filter(dossier=march["A"]).exists()
    found = late()
    assert {march["C"].pk, march["H"].pk} <= found
    assert march["A"].pk not in found and march["L"].pk not in found
    DossierContribution.objects.filter(dossier=march["A"]).delete()
    assert march["A"].pk in late()
