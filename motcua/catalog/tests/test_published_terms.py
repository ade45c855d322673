"""A published version's channel terms are read once per process (they cannot change); a draft's
are read every time, so an edit is seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.catalog import selectors, services
from motcua.catalog.constants import Channel
from motcua.catalog.tests import factories

pytestmark = pytest.mark.django_db


def _read(version, channel=Channel.DIRECT):
    with CaptureQueriesContext(connection) as captured:
        term = selectors.channel_term(version, channel)
        amounts = [line.amount for line in term.fee_lines.all()] if term else None
    return amounts, len(captured)


def test_a_published_versions_terms_are_read_once(people):
    version = factories.published("1.001193")
    first, queries = _read(version)
    assert queries == 2  # the term, its fee lines
    again, queries = _read(version)
    assert (again, queries) == (first, 0)
    missing = "no-such-channel"
    assert _read(version, missing) == (None, 1)
    assert _read(version, missing) == (None, 0)


def test_a_drafts_terms_are_read_every_time_and_seen_edited(people):
    factories.published("1.001193")
    draft = services.copy_published_to_draft("1.001193", actor=people.manager)
    before, queries = _read(draft)
    assert queries == 2
    services.replace_draft_parts(draft, actor=people.manager, parts=factories.parts(fee=7000))
    after, queries = _read(draft)
    assert queries == 2 and after != before and 7000 in after


def test_a_published_versions_executing_agencies_are_named_by_one_read(people, tree):
    version = factories.published("1.001193")
    with CaptureQueriesContext(connection) as first:
        agencies = set(selectors.executing_agencies(version))
    with CaptureQueriesContext(connection) as again:
        assert set(selectors.executing_agencies(version)) == agencies
    assert tree.commune_x in agencies
    assert (len(first), len(again)) == (2, 1)  # the rows once, then only the agencies


def test_a_published_versions_components_are_read_once_and_a_drafts_every_time(people):
    version = factories.published("1.001193")
    fresh = type(version).objects.get(pk=version.pk)
    with CaptureQueriesContext(connection) as first:
        selectors.prefetch_components(version)
        names = [c.name for c in version.components.all()]
    with CaptureQueriesContext(connection) as again:
        selectors.prefetch_components(fresh)
        assert [c.name for c in fresh.components.all()] == names
        demanded = selectors.components_demanded(fresh, vneid_verified=False)
    assert (len(first), len(again)) == (1, 0) and demanded
    draft = services.copy_published_to_draft("1.001193", actor=people.manager)
    for _ in range(2):
        with CaptureQueriesContext(connection) as read:
            selectors.prefetch_components(type(draft).objects.get(pk=draft.pk))
        assert len(read) == 2  # the version, its components
