"""The site's icon: browsers ask for /favicon.ico at the root of every site, and every page names
the icon, so no request for it ends in a 404."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_favicon_ico_is_an_icon_at_the_site_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert _body(response)[:4] == b"\x00\x00\x01\x00"  # the ICO header: reserved 0, type 1


def test_favicon_svg_is_served_as_svg(client):
    response = client.get("/favicon.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b'viewBox="0 0 32 32"' in _body(response)


@pytest.mark.parametrize("name", ["portal:home", "backoffice:login"])
def test_pages_name_the_icon(client, name):
    page = client.get(reverse(name)).content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in page
    assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in page
