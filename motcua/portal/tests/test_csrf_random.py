"""CSRF secrets and masks drawn from one read of the random source: Django's length and alphabet,
every character equally likely, and the tokens still checked."""

import re
import string
from collections import Counter

import pytest
from django.middleware import csrf
from django.test import Client

from motcua.portal import csrf_random
from motcua.portal.csrf_random import random_string

ALLOWED = string.ascii_letters + string.digits


def test_installed_for_the_csrf_middleware():
    assert csrf.get_random_string is random_string
    assert csrf.CSRF_ALLOWED_CHARS == ALLOWED


def test_length_and_alphabet():
    drawn = {random_string(32, ALLOWED) for _ in range(200)}
    assert len(drawn) == 200
    assert all(len(s) == 32 and set(s) <= set(ALLOWED) for s in drawn)
    assert random_string(0, ALLOWED) == ""
    assert len(random_string(1000, "ab")) == 1000


def test_every_character_equally_likely():
    counts = Counter("".join(random_string(32, ALLOWED) for _ in range(20_000)))
    expected = 20_000 * 32 / len(ALLOWED)  # 10,322; a standard deviation of ~100
    assert set(counts) == set(ALLOWED)
    assert all(abs(n - expected) < 800 for n in counts.values())


def test_bytes_above_the_last_whole_multiple_are_dropped(monkeypatch):
    # 62 characters: 248 = 4 × 62; bytes 248–255 would make the first 8 characters likelier.
    reads = iter([bytes([248, 255, 0, 61, 62, 247] + [250] * 34), bytes([1] * 40)])
    monkeypatch.setattr(csrf_random.secrets, "token_bytes", lambda n: next(reads))
    assert random_string(4, ALLOWED) == "a9a9"  # 0, 61, 62 and 247 modulo 62
    assert random_string(6, ALLOWED)[:4] == "bbbb"


def test_other_alphabets_fall_back_to_django():
    assert len(random_string(5, "x" * 300)) == 5


@pytest.mark.django_db
def test_the_token_of_a_page_is_accepted_and_its_absence_refused():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/track/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', page.text)[1]
    assert len(token) == 64 and len(client.cookies["csrftoken"].value) == 32
    refused = client.post("/i18n/setlang/", {"language": "en", "next": "/track/"})
    assert refused.status_code == 403
    accepted = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/track/", "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 302
    assert client.cookies["django_language"].value == "en"
