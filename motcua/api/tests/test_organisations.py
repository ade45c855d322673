"""Organisations over the API (#20 item 8): a state agency's dossier handed in by a person it
authorised, with the authorisation and its scan; refused in plain words when the paper has
expired or is missing; the detail shows the representative and the authorisation."""

import base64
import datetime

from django.utils import timezone

from motcua.dossiers.models import Dossier

from . import test_create
from .test_create import PDF, _body

# The creation tests' fixtures, reused as they are.
lgsp = test_create.lgsp
create = test_create.create

DOSSIERS = "/api/v1/dossiers/"


def _organisation(valid_until, file=True) -> dict:
    today = timezone.localdate()
    paper = {
        "number": "21/GUQ",
        "signed_on": (today - datetime.timedelta(days=10)).isoformat(),
        "valid_until": valid_until.isoformat(),
        "issuer": "Phan Thị Hiệu, Hiệu trưởng",
    }
    if file:
        paper["file"] = {"name": "guq.pdf", "content": base64.b64encode(PDF).decode()}
    return {
        "name": "Trường Tiểu học Thử",
        "kind": "state_agency",
        "id_number": "1012345",
        "representative_name": "Lê Văn Được",
        "representative_id_number": "068090001234",
        "representative_position": "Văn thư",
        "representative_phone": "0912000333",
        "authorisation": paper,
    }


def test_a_state_agency_files_through_its_authorised_person(
    lgsp, version, tree, token, create, call
):
    later = timezone.localdate() + datetime.timedelta(days=30)
    response = create(token(lgsp), _body(tree, applicant=_organisation(later)))
    assert response.status_code == 201, response.content
    applicant = call(token(lgsp), response["Location"]).json()["applicant"]
    assert applicant["kind"] == "state_agency" and applicant["id_number"] == "1012345"
    assert applicant["representative_position"] == "Văn thư"
    assert applicant["representative_phone"] == "0912000333"
    assert applicant["authorisation"] == {
        "number": "21/GUQ",
        "signed_on": (timezone.localdate() - datetime.timedelta(days=10)).isoformat(),
        "valid_until": later.isoformat(),
        "issuer": "Phan Thị Hiệu, Hiệu trưởng",
        "document": applicant["authorisation"]["document"],
    }
    dossier = Dossier.objects.get()
    assert dossier.authorisation.document.files.get().name == "guq.pdf"
    # A dossier filed in person has none.
    plain = create(token(lgsp), _body(tree)).json()
    assert plain["applicant"]["authorisation"] is None


def test_an_expired_or_unscanned_authorisation_is_a_400_on_the_applicant(
    lgsp, version, tree, token, create
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = create(token(lgsp), _body(tree, applicant=_organisation(yesterday)))
    assert response.status_code == 400
    assert "Giấy ủy quyền đã hết hiệu lực" in response.content.decode()
    assert [error["field"] for error in response.json()["errors"]] == ["applicant"]
    later = timezone.localdate() + datetime.timedelta(days=30)
    response = create(token(lgsp), _body(tree, applicant=_organisation(later, file=False)))
    assert response.status_code == 400
    assert "Chưa đính kèm bản quét" in response.content.decode()
    assert not Dossier.objects.exists()
