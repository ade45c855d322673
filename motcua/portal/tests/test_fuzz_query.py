"""Property: no GET of a page without path parameters (portal, back office, reports, feedback,
notices) answers 500, whatever its query string — NUL bytes, dates at the edge of the
calendar, numbers past any column, markup — as anonymous or as a desk officer (issue #17
item 9). Run it on PostgreSQL too: that is where NUL in text fails."""

from contextlib import suppress
from urllib.parse import urlencode

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

NAMESPACES = {"portal", "backoffice", "reports", "feedback", "notices"}
PARAMETERS = [
    "q", "procedure", "dossier", "code", "last4", "token", "start", "end", "agency", "field",
    "hours", "after", "page", "status", "unit", "lookup", "partial", "format", "due", "next",
]  # fmt: skip
EDGES = [
    "\x00", "a\x00b", "9999-12-31", "0001-01-01", "2026-02-30", "-1", "0",
    "99999999999999999999999", "9999-12-31T23:59:59+14:00|1", "-|99999999999999999999",
    "<script>", "'\"", "%", "\u202e", "",
]  # fmt: skip


def _addresses() -> list[str]:
    found = []
    for resolver in get_resolver().url_patterns:
        if not isinstance(resolver, URLResolver) or resolver.namespace not in NAMESPACES:
            continue
        stack = list(resolver.url_patterns)
        while stack:
            pattern = stack.pop()
            if isinstance(pattern, URLResolver):
                stack.extend(pattern.url_patterns)
            elif (
                isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.converters
            ):
                with suppress(NoReverseMatch):  # under a parameterised include: not ours
                    found.append(reverse(f"{resolver.namespace}:{pattern.name}"))
    return sorted(set(found))


ADDRESSES = _addresses()
values = st.one_of(st.sampled_from(EDGES), st.text(max_size=12))
queries = st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=4)


# Parameters a view reads together: one bad value in a neighbour would stop the form before
# the one under test is used (an invalid "hours" hides an overflowing "end").
GROUPS = [
    ("q",), ("procedure",), ("dossier",), ("code", "last4"), ("code", "token"), ("start", "end"),
    ("unit", "start", "end"), ("after",), ("page",), ("status",), ("lookup",), ("hours",),
    ("field",), ("agency",),
]  # fmt: skip
SWEEP = ["a\x00b", "9999-12-31", "0001-01-01", "99999999999999999999999"]


@pytest.mark.parametrize("persona", ["anonymous", "desk_x", "manager"])
def test_each_group_at_each_edge_gives_no_500(persona, people, client):
    """The deterministic half: every address, every group of parameters, every edge value."""
    if persona != "anonymous":
        client.force_login(getattr(people, persona))
    failures = []
    for address in ADDRESSES:
        for group in GROUPS:
            for value in SWEEP:
                query = urlencode(dict.fromkeys(group, value))
                if client.get(f"{address}?{query}").status_code >= 500:
                    failures.append(f"{address}?{query}")
    assert not failures, failures


def test_the_addresses_are_found():
    assert "/backoffice/intake/" in ADDRESSES and "/feedback/submit/" in ADDRESSES
    assert "/reports/tinh-hinh-giai-quyet/" in ADDRESSES and "/track/" in ADDRESSES


@pytest.mark.parametrize("persona", ["anonymous", "desk_x"])
def test_no_query_string_gives_a_500(persona, people, client):
    if persona != "anonymous":
        client.force_login(getattr(people, persona))

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(address=st.sampled_from(ADDRESSES), query=queries)
    def check(address, query):
        response = client.get(f"{address}?{urlencode(query)}")
        assert response.status_code < 500, (address, query)

    check()
