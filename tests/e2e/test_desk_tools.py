"""The desk's tools at the sizes officers use them: the applicant look-up box on the intake form
is a usable width on a 1280 px desk screen and on a 360 px phone."""

import pytest

# The dossier tests' catalogue fixtures, imported and requested by name.
# ruff: noqa: F811
from motcua.dossiers.tests.conftest import version  # noqa: F401

from .backoffice import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A personal ID number (12 digits) must be readable whole in the box.
MIN_WIDTH = {1280: 320, 360: 280}


@pytest.mark.parametrize("width", [1280, 360])
def test_the_applicant_look_up_box_is_wide_enough(page, people, password, version, width):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, people.desk_x.username, password)
    page.goto(f"/backoffice/intake/{version.pk}/")
    box = page.get_by_label(
        "Tra cứu người nộp theo số định danh cá nhân, số điện thoại hoặc họ tên"
    )
    assert box.bounding_box()["width"] >= MIN_WIDTH[width]
    # Nothing on the page is wider than the window.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
