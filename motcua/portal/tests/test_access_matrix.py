"""The access matrix, generated from the URLconf (#17 item 11): every URL pattern of the site is
requested (GET, with example values for its parameters that name nothing that exists) as an
anonymous visitor, and the back-office, office and administration ones also as a signed-in
citizen; each answer must be the one declared in ``access_table.EXPECTED``.

A new URL pattern that is not declared there fails ``test_every_url_pattern_is_declared`` with
the line to add: decide what an anonymous visitor and a citizen must get, declare it, and add
the view's own access tests (other citizen, other agency) beside it."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .access_table import ADMIN_DEFAULT, EXPECTED, Outcome

pytestmark = pytest.mark.django_db

# Example values for path parameters, by converter: valid in form, naming no existing record.
EXAMPLES = {"int": "987654", "slug": "khong-co", "str": "KHONGCO-0001", "path": "khong-co"}
_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


def _example_path(route: str) -> str:
    route = route.replace("^", "").replace("$", "").replace("\\", "")
    route = re.sub(r"\(\?P<[^>]+>[^)]*\)", EXAMPLES["str"], route)
    route = route.replace(".*", "khong-co")
    return "/" + _CONVERTER.sub(lambda m: EXAMPLES[m["converter"] or "str"], route)


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<unnamed {prefix}{pattern.pattern}>"
            yield (f"{namespace}:{name}" if namespace else name), prefix + str(pattern.pattern)


def url_patterns() -> dict[str, str]:
    """Every URL pattern's full name and an example address for it."""
    return {name: _example_path(route) for name, route in _walk(get_resolver().url_patterns)}


def expected(name: str) -> tuple[Outcome, Outcome | None] | None:
    if name in EXPECTED:
        return EXPECTED[name]
    if name.startswith("admin:"):
        return ADMIN_DEFAULT
    return None


def outcome(response) -> Outcome:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        target = response.headers["Location"]
        for login in (Outcome.ADMIN_LOGIN, Outcome.OFFICER_LOGIN, Outcome.LOGIN):
            if target.split("?")[0].endswith(login.value):
                return login
        return Outcome.REDIRECT
    return Outcome.from_status(status)


PATTERNS = url_patterns()


def test_every_url_pattern_is_declared():
    missing = sorted(name for name in PATTERNS if expected(name) is None)
    assert not missing, (
        "These URL patterns have no declared access in motcua/portal/tests/access_table.py. "
        "Decide what an anonymous visitor (and, for officer or admin pages, a citizen) must get "
        "and add a line for each, e.g.\n"
        + "\n".join(f'    "{name}": (Outcome.LOGIN, None),' for name in missing)
    )
    stale = sorted(set(EXPECTED) - set(PATTERNS))
    assert not stale, f"Declared but no longer in the URLconf (remove them): {stale}"


@pytest.mark.parametrize("persona", ["anonymous", "citizen"])
def test_each_address_answers_as_declared(persona, client, people):
    if persona == "citizen":
        client.force_login(people.citizen_a)
    wrong = []
    for name, address in PATTERNS.items():
        declared = expected(name)
        if declared is None:
            continue  # reported by test_every_url_pattern_is_declared
        anonymous, citizen = declared
        want = anonymous if persona == "anonymous" else citizen
        if want is None:
            continue
        got = outcome(client.get(address))
        if got is not want:
            wrong.append(f"{name} GET {address}: declared {want.name}, got {got.name}")
    assert not wrong, "\n".join(wrong)


def test_the_walk_finds_the_site_and_fills_parameters():
    assert PATTERNS["backoffice:dossier"] == "/backoffice/dossiers/KHONGCO-0001/"
    assert PATTERNS["portal:draft_step"] == "/my/drafts/987654/khong-co/"
    assert "admin:index" in PATTERNS and "api:dossier-list" in PATTERNS
