"""The queue's assignment list kept in the cache (``officer_lists``): an officer given a role
appears at once, one who left, was deactivated or renamed changes the list at once, a sign-in
changes nothing, and a list kept is what the database would give."""

import datetime
import re

import pytest
from django.contrib.auth.models import update_last_login
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from motcua.accounts.tests.factories import make_officer
from motcua.agencies import services as agency_services
from motcua.agencies.constants import Role
from motcua.agencies.models import Membership
from motcua.backoffice import officer_lists
from motcua.backoffice.officers import assignment_choices, colleagues

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

QUEUE = reverse("backoffice:queue")
NOW = vn(2026, 3, 2, 16, 0)


def _assignable(client) -> list[str]:
    """The names offered in the queue's "Giao cho cán bộ" list."""
    page = client.get(QUEUE).content.decode()
    select = re.search(r'<select name="assignee".*?</select>', page, re.S)
    assert select, "the queue offers no assignment list"
    return re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', select.group(0))


@pytest.fixture
def desk(as_user, people, walk_in):
    walk_in(at=vn(2026, 3, 2, 9, 0))
    return as_user(people.desk_x)


def _names(labels: list[str]) -> set[str]:
    return {label.split(" – ")[0] for label in labels}


@freeze_time(NOW)
def test_a_new_officer_is_offered_right_after_being_given_a_role(desk, tree):
    before = _assignable(desk)
    assert "Lý Văn Mới" not in _names(before)
    make_officer("Lý Văn Mới", unit=tree.commune_x, role=Role.SPECIALIST)
    assert "Lý Văn Mới" in _names(_assignable(desk))


@freeze_time(NOW)
def test_an_officer_who_left_or_was_deactivated_is_no_longer_offered(desk, people):
    assert {"Hoàng Thị Dung", "Vũ Văn Em"} <= _names(_assignable(desk))
    membership = Membership.objects.get(user=people.specialist_x)
    membership.valid_to = datetime.date(2026, 3, 1)
    membership.save(update_fields=["valid_to"])
    assert "Hoàng Thị Dung" not in _names(_assignable(desk))
    people.leader_x.is_active = False
    people.leader_x.save(update_fields=["is_active"])
    assert "Vũ Văn Em" not in _names(_assignable(desk))


@freeze_time(NOW)
def test_a_renamed_officer_is_offered_under_the_new_name(desk, people):
    _assignable(desk)
    people.specialist_x.full_name = "Hoàng Thị Dung Mới"
    people.specialist_x.save()
    assert "Hoàng Thị Dung Mới" in _names(_assignable(desk))


@freeze_time(NOW)
def test_a_role_ending_at_midnight_is_not_offered_the_next_day(desk, people, tree):
    agency_services.assign_role(
        make_officer("Tạ Thị Tạm"), unit=tree.commune_x, role=Role.SPECIALIST, valid_from=NOW.date()
    )
    Membership.objects.filter(user__full_name="Tạ Thị Tạm").update(valid_to=NOW.date())
    # A write outside the model's save (here, by hand): the day is in the key all the same.
    assert "Tạ Thị Tạm" in _names(_assignable(desk))
    with freeze_time(NOW + datetime.timedelta(days=1)):
        assert "Tạ Thị Tạm" not in _names(_assignable(desk))


@freeze_time(NOW)
def test_a_sign_in_leaves_the_lists_kept(desk, people):
    _assignable(desk)
    revision = cache.get(officer_lists.REVISION_KEY)
    assert revision
    update_last_login(None, people.specialist_x)  # what a sign-in saves of the account
    assert cache.get(officer_lists.REVISION_KEY) == revision
    people.specialist_x.full_name = "Hoàng Thị Dung Mới"
    people.specialist_x.save(update_fields=["full_name"])
    assert cache.get(officer_lists.REVISION_KEY) != revision


@freeze_time(NOW)
def test_the_revision_moves_again_when_the_change_commits(tree, django_capture_on_commit_callbacks):
    cache.set(officer_lists.REVISION_KEY, "before", None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_officer("Lê Văn Sau", unit=tree.commune_x, role=Role.SPECIALIST)
        at_once = cache.get(officer_lists.REVISION_KEY)
        assert at_once != "before"
    assert callbacks
    assert cache.get(officer_lists.REVISION_KEY) not in ("before", at_once)


@freeze_time(NOW)
def test_a_kept_list_is_what_the_database_gives_in_each_language(people, tree):
    for language in ("vi", "en"):
        with translation.override(language):
            fresh = assignment_choices(colleagues([tree.commune_x]))
            assert officer_lists.assignment_list([tree.commune_x]) == fresh
            assert officer_lists.assignment_list([tree.commune_x]) == fresh
    with translation.override("en"):
        english = officer_lists.assignment_list([tree.commune_x])
    assert english != officer_lists.assignment_list([tree.commune_x])


@freeze_time(NOW)
def test_an_evicted_revision_never_revives_an_older_list(people, tree):
    kept = officer_lists.assignment_list([tree.commune_x])
    cache.delete(officer_lists.REVISION_KEY)
    make_officer("Mai Văn Muộn", unit=tree.commune_x, role=Role.SPECIALIST)
    cache.delete(officer_lists.REVISION_KEY)
    found = officer_lists.assignment_list([tree.commune_x])
    assert len(found) == len(kept) + 1
