"""Procedure-specific application fields defined as data on the procedure version: imported and
exported with the catalogue, asked on the portal, validated on the server, kept in the draft."""

import copy
import datetime

import pytest
from django.urls import reverse

from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.catalog.interchange.schema import CatalogueFileError
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import CATALOGUE

pytestmark = pytest.mark.django_db

FIELDS = [
    {"name": "ho_ten_tre", "label": "Họ, chữ đệm, tên của trẻ", "kind": "text", "required": True},
    {"name": "ngay_sinh", "label": "Ngày sinh của trẻ", "kind": "date", "required": True},
    {
        "name": "gioi_tinh",
        "label": "Giới tính",
        "kind": "choice",
        "required": True,
        "choices": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}],
    },
    {"name": "so_ban", "label": "Số bản trích lục", "kind": "integer", "min": 1, "max": 5},
]


def _catalogue(fields):
    data = copy.deepcopy(CATALOGUE)
    data["procedures"][0]["versions"][0]["form_fields"] = fields
    return data


@pytest.fixture
def version_with_fields(db):
    catalog_services.import_catalogue(_catalogue(FIELDS))
    return catalog.published_version_on("9.000001")


def test_fields_are_imported_and_exported_as_data(version_with_fields):
    stored = version_with_fields.form_fields
    assert [f["name"] for f in stored] == ["ho_ten_tre", "ngay_sinh", "gioi_tinh", "so_ban"]
    assert stored[2]["choices"][1] == {"value": "nu", "label": "Nữ"}
    exported = catalog_services.export_catalogue(["9.000001"])
    assert exported["procedures"][0]["versions"][0]["form_fields"] == stored


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ([{"name": "Ho Ten", "label": "X"}], "form_fields[0].name"),
        ([{"name": "a", "label": "A"}, {"name": "a", "label": "B"}], "form_fields[1].name"),
        ([{"name": "a", "label": "A", "kind": "signature"}], "form_fields[0].kind"),
        ([{"name": "a", "label": "A", "kind": "choice"}], "form_fields[0].choices"),
        ([{"name": "a"}], "form_fields[0]"),
    ],
)
def test_bad_field_definitions_are_refused_with_their_path(db, fields, path):
    with pytest.raises(CatalogueFileError) as info:
        catalog_services.import_catalogue(_catalogue(fields))
    assert path in str(info.value)
    assert not catalog.published_version_on("9.000001")


def test_the_portal_asks_the_procedures_own_fields_and_validates_them(
    as_user, people, tree, version_with_fields
):
    client = as_user(people.citizen_a)
    client.post(
        reverse("portal:apply", args=["9.000001"]),
        {"resolving_agency": tree.commune_x.pk, "receiving_unit": tree.commune_x.pk},
    )
    draft = Dossier.objects.get(applicant=people.citizen_a, status=Status.DRAFT)
    step = reverse("portal:draft_step", args=[draft.pk, "applicant"])
    html = client.get(step).content.decode()
    # Dates are typed dd/mm/yyyy (a browser's picker would follow the browser's language).
    assert 'name="ho_ten_tre"' in html and 'placeholder="dd/mm/yyyy"' in html
    assert 'name="gioi_tinh"' in html
    assert 'name="copies"' not in html  # the generic set is not asked

    # A missing required field and an out-of-range number: refused, everything else kept.
    response = client.post(
        step,
        {"phone": "0912345678", "ho_ten_tre": "Nguyễn An Bình", "gioi_tinh": "nam", "so_ban": "9"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Nguyễn An Bình" in html
    draft.refresh_from_db()
    assert "fields" not in draft.form_data

    response = client.post(
        step,
        {
            "phone": "0912345678",
            "ho_ten_tre": "Nguyễn An Bình",
            "ngay_sinh": "2026-11-01",
            "gioi_tinh": "nu",
            "so_ban": "2",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.form_data["fields"] == {
        "ho_ten_tre": "Nguyễn An Bình",
        "ngay_sinh": datetime.date(2026, 11, 1).isoformat(),
        "gioi_tinh": "nu",
        "so_ban": 2,
    }
    review = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    # As typed: the date as dd/mm/yyyy, the choice by its label (issue #14).
    assert "Ngày sinh của trẻ" in review and "<dd>01/11/2026</dd>" in review
    assert "2026-11-01" not in review and "<dd>Nữ</dd>" in review
