"""Who sees which dossier: the negative cases first."""

import pytest

from motcua.dossiers import services
from motcua.dossiers.access import get_dossier_for, visible_to
from motcua.dossiers.models import Dossier

from .conftest import vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_dossiers(walk_in, people, tree):
    at_x = walk_in()
    at_y = walk_in(
        actor=people.desk_y,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_y,
        applicant=services.Applicant.from_account(people.citizen_b),
        at=vn(2026, 3, 2, 10, 0),
    )
    return at_x, at_y


def test_citizens_see_only_their_own(two_dossiers, people):
    at_x, at_y = two_dossiers
    assert list(visible_to(people.citizen_a)) == [at_x]
    assert list(visible_to(people.citizen_b)) == [at_y]
    with pytest.raises(Dossier.DoesNotExist):
        get_dossier_for(people.citizen_b, at_x.code)


def test_officers_see_their_agency_only(two_dossiers, people):
    at_x, at_y = two_dossiers
    for officer in (people.desk_x, people.specialist_x, people.leader_x):
        assert set(visible_to(officer)) == {at_x}
    assert set(visible_to(people.desk_y)) == {at_y}
    with pytest.raises(Dossier.DoesNotExist):
        get_dossier_for(people.desk_y, at_x.code)
    assert set(visible_to(people.specialist_department)) == set()


def test_managers_read_their_whole_subtree(two_dossiers, people):
    assert set(visible_to(people.manager)) == set(two_dossiers)


def test_anonymous_and_inactive_see_nothing(two_dossiers, people):
    from django.contrib.auth.models import AnonymousUser

    assert not visible_to(AnonymousUser()).exists()
    people.desk_x.is_active = False
    assert not visible_to(people.desk_x).exists()


def test_a_partner_agency_sees_what_was_sent_to_it_and_keeps_seeing_it(two_dossiers, people, tree):
    at_x, _ = two_dossiers
    at_x = services.assign(at_x, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    at_x = services.transfer(
        at_x,
        actor=people.specialist_x,
        to_agency=tree.department,
        task="Xác minh",
        quota_hours=4,
        at=vn(2026, 3, 2, 10, 0),
    )
    assert set(visible_to(people.specialist_department)) == {at_x}
    services.return_transfer(
        at_x, actor=people.specialist_department, reply="Xong", at=vn(2026, 3, 2, 11, 0)
    )
    assert set(visible_to(people.specialist_department)) == {at_x}
    # …but the other commune's desk still does not.
    assert at_x not in set(visible_to(people.desk_y))


def test_boundary_free_intake_is_seen_by_the_receiving_desk_and_the_resolving_agency(
    walk_in, people, tree
):
    dossier = walk_in(
        actor=people.desk_y, receiving_unit=tree.commune_y, resolving_agency=tree.commune_x
    )
    assert dossier in set(visible_to(people.desk_y))
    assert dossier in set(visible_to(people.specialist_x))
    # The desk of the resolving commune did not receive it.
    assert dossier not in set(visible_to(people.desk_x))
