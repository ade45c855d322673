"""The province's boundary-free list (danh mục TTHC tiếp nhận không phụ thuộc địa giới hành
chính, ND 118/2025 Art. 14 §2) as dated data: a desk takes another commune's dossier only for a
procedure on a list in force that day, the dossier keeps the list it was received under, and
the desk's intake page offers another commune only then."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from motcua.catalog import boundary as lists
from motcua.catalog.models import BoundaryFreeList
from motcua.dossiers import boundary, services
from motcua.dossiers.errors import RuleViolation

from .conftest import vn

pytestmark = pytest.mark.django_db

MARCH_2 = datetime.date(2026, 3, 2)


@pytest.fixture
def only_listed(tree, version):
    """The province's "every procedure" list ends before March; from March a decision lists
    the test procedure alone, until 15 March."""
    tree.boundary_free.valid_to = datetime.date(2026, 2, 28)
    tree.boundary_free.save()
    listed = BoundaryFreeList.objects.create(
        province=tree.province,
        decision="5/QĐ-UBND",
        valid_from=datetime.date(2026, 3, 1),
        valid_to=datetime.date(2026, 3, 15),
    )
    listed.procedures.set([version.procedure])
    return listed


def test_a_dossier_for_another_commune_keeps_the_list_it_was_received_under(
    walk_in, tree, only_listed
):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0), resolving_agency=tree.commune_y)
    assert dossier.boundary_free_basis == only_listed
    # The province changes its list later: the dossier still says what it was received under.
    only_listed.valid_to = datetime.date(2026, 3, 5)
    only_listed.save()
    dossier.refresh_from_db()
    assert dossier.boundary_free_basis == only_listed
    # A dossier of the desk's own commune is ordinary one-stop intake: no basis.
    own = walk_in(at=vn(2026, 3, 2, 10, 0))
    assert own.boundary_free_basis is None


def test_off_the_list_another_commune_is_refused_but_the_own_commune_is_not(
    walk_in, tree, people, applicant, version, only_listed
):
    only_listed.procedures.clear()
    with pytest.raises(RuleViolation) as refused:
        walk_in(at=vn(2026, 3, 2, 9, 0), resolving_agency=tree.commune_y)
    assert refused.value.code == "not_boundary_free"
    assert "không thuộc danh mục" in str(refused.value.messages[0])
    assert walk_in(at=vn(2026, 3, 2, 10, 0)).resolving_agency == tree.commune_x
    # The desk may still refuse it in writing (Form 03) and say where to file.
    refused_dossier = services.refuse_intake(
        None,
        actor=people.desk_x,
        reason="Thủ tục không thuộc danh mục phi địa giới; nộp tại UBND Xã Thử Y.",
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_y,
        applicant=applicant,
        at=vn(2026, 3, 2, 11, 0),
    )
    assert refused_dossier.boundary_free_basis is None


def test_a_list_counts_only_while_it_is_in_force(walk_in, tree, only_listed):
    first = walk_in(at=vn(2026, 3, 2, 9, 0), resolving_agency=tree.commune_y)
    last = walk_in(at=vn(2026, 3, 13, 9, 0), resolving_agency=tree.commune_y)
    assert first.boundary_free_basis == last.boundary_free_basis == only_listed
    with pytest.raises(RuleViolation):
        walk_in(at=vn(2026, 3, 16, 9, 0), resolving_agency=tree.commune_y)  # a Monday


def test_only_a_crossing_needs_the_list(tree, people):
    communes = boundary.Communes()
    assert not boundary.crosses_boundary(tree.commune_x, tree.commune_x, communes)
    assert boundary.crosses_boundary(tree.commune_x, tree.commune_y, communes)
    assert boundary.crosses_boundary(tree.commune_x, tree.department, communes)
    # The province's own desk taking a provincial agency's dossier stays ordinary intake.
    assert not boundary.crosses_boundary(tree.province, tree.department, communes)


def test_an_administrators_list_must_make_sense(tree, version):
    with pytest.raises(ValidationError) as bad:
        lists.check_list(
            province=tree.commune_x,
            valid_from=MARCH_2,
            valid_to=MARCH_2 - datetime.timedelta(days=1),
            all_procedures=False,
            procedures=[],
        )
    assert set(bad.value.message_dict) == {"province", "valid_to", "procedures"}
    lists.check_list(
        province=tree.province,
        valid_from=MARCH_2,
        valid_to=None,
        all_procedures=False,
        procedures=[version.procedure],
    )


def test_the_intake_page_offers_another_commune_only_for_a_listed_procedure(
    as_user, people, tree, version
):
    url = reverse("backoffice:intake_form", args=[version.pk])
    page = as_user(people.desk_x).get(url)
    offered = list(page.context["form"].fields["resolving_agency"].queryset)
    assert tree.commune_y in offered
    assert "1/QĐ-UBND" in page.content.decode()

    tree.boundary_free.valid_to = datetime.date(2025, 12, 31)
    tree.boundary_free.save()
    page = as_user(people.desk_x).get(url)
    offered = list(page.context["form"].fields["resolving_agency"].queryset)
    assert offered == [tree.commune_x]
    assert "không thuộc danh mục tiếp nhận không phụ thuộc địa giới" in page.content.decode()
