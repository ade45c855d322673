"""The online filing's first step and the province's boundary-free list (ND 118/2025 Art. 14
§2): a desk of another commune is refused on that step, in words for the citizen, for a
procedure off the list, and taken for one on it."""

import datetime

import pytest
from django.urls import reverse

from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def _choose(client, version, desk, agency):
    return client.post(
        reverse("portal:apply", args=[version.procedure.code]),
        {"resolving_agency": agency.pk, "receiving_unit": desk.pk},
    )


def test_off_the_list_another_communes_desk_is_refused_on_the_first_step(
    as_user, people, tree, version
):
    tree.boundary_free.valid_to = datetime.date(2025, 12, 31)
    tree.boundary_free.save()
    client = as_user(people.citizen_a)
    page = client.get(reverse("portal:apply", args=[version.procedure.code])).content.decode()
    assert "không thuộc danh mục tiếp nhận không phụ thuộc địa giới" in page

    response = _choose(client, version, tree.commune_y, tree.commune_x)
    assert response.status_code == 200
    assert response.context["form"].has_error("receiving_unit", "not_boundary_free")
    shown = response.content.decode()
    assert f"Thủ tục “{version.name}” không thuộc danh mục" in shown
    # Told to the citizen choosing, not the desk's instruction to guide an applicant.
    assert "Hãy chọn nơi tiếp nhận cùng xã, phường với cơ quan giải quyết" in shown
    assert "Hãy hướng dẫn người nộp" not in shown
    assert "chỉ tiếp nhận cho cơ quan giải quyết thuộc địa bàn" in shown  # the rule, as help
    assert not Dossier.objects.filter(applicant=people.citizen_a).exists()

    response = _choose(client, version, tree.commune_x, tree.commune_x)
    assert response.status_code == 302


def test_on_the_list_another_communes_desk_is_taken(as_user, people, tree, version):
    client = as_user(people.citizen_a)
    page = client.get(reverse("portal:apply", args=[version.procedure.code])).content.decode()
    assert tree.boundary_free.decision in page

    response = _choose(client, version, tree.commune_y, tree.commune_x)
    draft = Dossier.objects.get(applicant=people.citizen_a, status=Status.DRAFT)
    assert response.status_code == 302 and draft.receiving_unit == tree.commune_y
