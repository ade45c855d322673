"""Decision 766 indicator 1.4 computed from the sync records, with its drill-down."""

import datetime

import pytest

from motcua.integrations.models import PortalCursor
from motcua.integrations.portal import outbox
from motcua.reports.common.periods import Period
from motcua.reports.selectors import index_766, indicator_drilldown

from .conftest import vn

pytestmark = pytest.mark.django_db

MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def test_indicator_1_4_counts_dossiers_synced_in_time(walk_in, tree):
    first = walk_in(at=vn(2026, 3, 2, 9, 0))
    second = walk_in(at=vn(2026, 3, 3, 9, 0))
    third = walk_in(at=vn(2026, 3, 4, 9, 0))
    before = index_766(tree.province, MARCH).indicator("1.4")
    assert (before.numerator, before.denominator, before.not_applicable) == (0, 3, "")
    assert before.points == 0

    outbox.drain()
    # Synced now, in December: long after the 24 hours of grace for March receipts — except the
    # one we place as synced an hour after its receipt.
    PortalCursor.objects.filter(dossier=first).update(received_synced_at=vn(2026, 3, 2, 10, 0))
    PortalCursor.objects.filter(dossier=third).delete()
    result = indicator_drilldown(tree.province, MARCH, "1.4")
    assert (result.numerator, result.denominator) == (1, 3)
    reasons = {item.key: item.reason for item in result.costing}
    assert set(reasons) == {second.code, third.code}
    assert "chậm hơn 24 giờ" in reasons[second.code]
    assert "Chưa đồng bộ" in reasons[third.code]
    # The index itself (from grouped counts, not dossier by dossier) says the same.
    counted = index_766(tree.province, MARCH).indicator("1.4")
    assert (counted.numerator, counted.denominator) == (1, 3)


def test_the_grace_time_is_a_setting(walk_in, tree, monkeypatch):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    outbox.drain()
    PortalCursor.objects.filter(dossier=dossier).update(received_synced_at=vn(2026, 3, 4, 9, 0))
    assert index_766(tree.province, MARCH).indicator("1.4").numerator == 0
    monkeypatch.setenv("DVCQG_SYNC_GRACE_HOURS", "72")
    assert index_766(tree.province, MARCH).indicator("1.4").numerator == 1
