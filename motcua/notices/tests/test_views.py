"""Who may open a dossier's forms and a unit's register (style.md §8: every page has its
negative tests)."""

import datetime

import pytest
from django.urls import reverse

from motcua.dossiers.tests.conftest import vn
from motcua.notices.constants import FormKey

from .helpers import flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(walk_in):
    return walk_in(at=vn(2026, 3, 2, 9, 0))


def url(dossier, key="receipt"):
    return reverse("notices:document", args=[dossier.code, key])


def test_the_applicant_and_the_desk_get_the_receipt_inline(dossier, people, as_user, client):
    as_user(people.desk_x).post(url(dossier))  # issued by the desk (a GET never issues)
    for person in (people.citizen_a, people.desk_x, people.leader_x, people.manager):
        as_user(person)
        response = client.get(url(dossier))
        assert response.status_code == 200, person
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline;")
        assert dossier.code in flat(pdf_text(response.content))


def test_another_citizen_and_another_commune_get_not_found(dossier, people, as_user, client):
    for person in (people.citizen_b, people.desk_y):
        as_user(person)
        for key in FormKey.values:
            assert client.get(url(dossier, key)).status_code == 404, (person, key)


def test_anonymous_is_sent_to_sign_in(dossier, client):
    response = client.get(url(dossier))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_unknown_form_or_one_without_its_event_is_not_found(dossier, people, as_user, client):
    as_user(people.desk_x)
    assert client.get(url(dossier, "nonsense")).status_code == 404
    assert client.get(url(dossier, "refusal")).status_code == 404
    assert client.get(url(dossier, "control_slip")).status_code == 200


def test_the_register_for_an_officer_of_the_unit(dossier, people, tree, as_user, client):
    as_user(people.desk_x)
    page = client.get(reverse("notices:register"))
    assert page.status_code == 200
    assert "Xã Thử X" in page.content.decode() and "Xã Thử Y" not in page.content.decode()
    response = client.post(
        reverse("notices:register"),
        {"unit": tree.commune_x.pk, "start": "2026-03-01", "end": "2026-03-31"},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert dossier.code in flat(pdf_text(response.content))


def test_the_register_of_another_unit_is_refused(dossier, people, tree, as_user, client):
    params = {"unit": tree.commune_x.pk, "start": "2026-03-01", "end": "2026-03-31"}
    as_user(people.desk_y)
    response = client.get(reverse("notices:register"), params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    as_user(people.citizen_a)
    assert client.get(reverse("notices:register"), params).status_code == 403
    client.logout()
    assert client.get(reverse("notices:register"), params).status_code == 302


def test_a_period_ending_before_it_starts_is_refused(people, tree, as_user, client):
    as_user(people.desk_x)
    response = client.get(
        reverse("notices:register"),
        {"unit": tree.commune_x.pk, "start": "2026-03-31", "end": str(datetime.date(2026, 3, 1))},
    )
    assert response.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu" in response.content.decode()
