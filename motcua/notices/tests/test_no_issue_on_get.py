"""No state change on GET (issue #17 item 6): opening a form's address never issues, seals or
stores it, whoever asks (an image tag on another site sends the officer's own cookies); the desk
officer of the receiving unit issues it by POST, once."""

import pytest
from django.test import Client
from django.urls import reverse

from motcua.audit.models import AuditEntry
from motcua.documents.models import StoredFile
from motcua.dossiers.tests.conftest import vn
from motcua.signatures.models import IssuedDocument

from .helpers import flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(walk_in):
    return walk_in(at=vn(2026, 3, 2, 9, 0))


def url(dossier, key="receipt"):
    return reverse("notices:document", args=[dossier.code, key])


def _written():
    return (
        IssuedDocument.objects.count(),
        StoredFile.objects.count(),
        AuditEntry.objects.filter(verb__in=["issue_notice", "issue_register"]).count(),
    )


def test_a_get_by_anyone_issues_nothing(dossier, people, as_user, client):
    before = _written()
    for person in (people.manager, people.leader_x, people.citizen_a, people.desk_x):
        as_user(person)
        for key in ("receipt", "control_slip"):
            response = client.get(url(dossier, key))
            if person is people.citizen_a and key == "control_slip":
                assert response.status_code == 404
                continue
            assert response.status_code == 200, (person, key)
            assert response["Content-Type"].startswith("text/html")
    assert _written() == before


def test_the_statistics_officer_is_told_it_is_not_issued(dossier, people, as_user, client):
    as_user(people.manager)
    page = client.get(url(dossier)).content.decode()
    assert "chưa được phát hành" in page
    assert "Phát hành</button>" not in page


def test_the_desk_is_offered_the_issue_button(dossier, people, as_user, client):
    as_user(people.desk_x)
    page = client.get(url(dossier)).content.decode()
    assert 'method="post"' in page and "Phát hành</button>" in page


def test_an_anonymous_image_tag_does_nothing(dossier, client):
    before = _written()
    response = client.get(url(dossier), HTTP_ACCEPT="image/*", HTTP_REFERER="https://evil.example/")
    assert response.status_code == 302
    assert _written() == before


def test_the_desk_issues_by_post_once_and_everyone_then_gets_it(dossier, people, as_user, client):
    as_user(people.desk_x)
    first = client.post(url(dossier))
    assert first.status_code == 302 and first["Location"] == url(dossier)
    assert client.post(url(dossier)).status_code == 302
    issued = IssuedDocument.objects.filter(dossier=dossier, kind="receipt")
    assert issued.count() == 1
    assert AuditEntry.objects.filter(verb="issue_notice", actor=people.desk_x).count() == 1
    before = _written()
    for person in (people.desk_x, people.manager, people.citizen_a):
        as_user(person)
        response = client.get(url(dossier))
        assert response["Content-Type"] == "application/pdf", person
        assert dossier.code in flat(pdf_text(response.content))
    assert _written() == before


def test_others_cannot_issue_by_post(dossier, people, as_user, client):
    before = _written()
    for person in (people.manager, people.leader_x, people.specialist_x):
        as_user(person)
        response = client.post(url(dossier))
        assert response.status_code == 403, person
        assert "Bạn không có quyền phát hành" in response.content.decode()
    as_user(people.citizen_a)
    assert client.post(url(dossier)).status_code == 403
    assert _written() == before


def test_issuing_needs_the_csrf_token(dossier, people):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people.desk_x)
    assert browser.post(url(dossier)).status_code == 403
    assert not IssuedDocument.objects.exists()


def test_the_register_is_issued_by_post_only(dossier, people, tree, as_user, client):
    params = {"unit": tree.commune_x.pk, "start": "2026-03-01", "end": "2026-03-31"}
    as_user(people.desk_x)
    before = _written()
    shown = client.get(reverse("notices:register"), params)
    assert shown.status_code == 200 and shown["Content-Type"].startswith("text/html")
    assert _written() == before
    response = client.post(reverse("notices:register"), params)
    assert response["Content-Type"] == "application/pdf"
    assert IssuedDocument.objects.filter(kind="register").count() == 1
