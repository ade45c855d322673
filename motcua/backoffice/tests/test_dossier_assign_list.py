"""The dossier page's "Phân công xử lý" list, shown from the cache (``officer_lists``) as the
queue's is: a change to the officers shows on the next page at once, and the officer posted is
checked against the database, so a list kept too long (a change made outside Django) never lets
work go to someone who may not take it."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.agencies.models import Membership
from motcua.backoffice import forms as action_forms
from motcua.backoffice import officer_lists
from motcua.backoffice.actions import SPECS
from motcua.backoffice.officers import assignment_choices
from motcua.dossiers.constants import Action
from motcua.dossiers.models import Event

from .conftest import freeze_time, vn
from .states import open_page, post_action

pytestmark = pytest.mark.django_db

NOW = vn(2026, 3, 2, 16, 0)


def _offered(response) -> list[str]:
    select = re.search(r'<select name="assignee".*?</select>', response.content.decode(), re.S)
    assert select, "the page offers no assignment list"
    names = re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', select.group(0))
    return [name.split(" – ")[0] for name in names]


@pytest.fixture
def desk(as_user, people):
    return as_user(people.desk_x)


@freeze_time(NOW)
def test_the_list_is_kept_and_not_built_again(desk, received, monkeypatch):
    built = []

    def counted(officers):
        built.append(officers)
        return assignment_choices(officers)

    monkeypatch.setattr(officer_lists, "assignment_choices", counted)
    monkeypatch.setattr(action_forms, "assignment_choices", counted)
    open_page(desk, received)
    assert len(built) == 1
    assert "Hoàng Thị Dung" in _offered(open_page(desk, received))
    assert len(built) == 1


@freeze_time(NOW)
def test_a_change_to_the_officers_shows_on_the_page_at_once(desk, people, tree, received):
    assert "Lý Văn Mới" not in _offered(open_page(desk, received))
    make_officer("Lý Văn Mới", unit=tree.commune_x, role=Role.SPECIALIST)
    assert "Lý Văn Mới" in _offered(open_page(desk, received))
    membership = Membership.objects.get(user=people.specialist_x)
    membership.valid_to = datetime.date(2026, 3, 1)
    membership.save(update_fields=["valid_to"])
    assert "Hoàng Thị Dung" not in _offered(open_page(desk, received))
    people.leader_x.full_name = "Vũ Văn Em Mới"
    people.leader_x.save(update_fields=["full_name"])
    assert "Vũ Văn Em Mới" in _offered(open_page(desk, received))


def _refused(response, dossier, assignee) -> None:
    assert response.status_code == 400
    form = next(
        item["form"]
        for item in response.context["action_forms"]
        if item["spec"].action == Action.ASSIGN
    )
    assert form.errors["assignee"]
    assert form.errors["assignee"][0] in response.content.decode()
    assert not Event.objects.filter(dossier=dossier, action=Action.ASSIGN).exists()
    dossier.refresh_from_db()
    assert not dossier.steps.filter(assignee=assignee).exists()


@freeze_time(NOW)
def test_an_officer_of_another_commune_is_refused(desk, people, received):
    response = post_action(desk, received, Action.ASSIGN, assignee=people.desk_y.pk)
    _refused(response, received, people.desk_y)


@freeze_time(NOW)
def test_an_officer_still_in_a_kept_list_but_gone_from_the_database_is_refused(
    desk, people, received
):
    assert "Hoàng Thị Dung" in _offered(open_page(desk, received))
    # Ended by hand, past the receivers that move the lists' revision: the list kept still
    # shows her (for at most officer_lists.LIST_SECONDS), the database no longer does.
    Membership.objects.filter(user=people.specialist_x).update(valid_to=datetime.date(2026, 3, 1))
    assert "Hoàng Thị Dung" in _offered(open_page(desk, received))
    response = post_action(desk, received, Action.ASSIGN, assignee=people.specialist_x.pk)
    _refused(response, received, people.specialist_x)


@freeze_time(NOW)
def test_an_officer_of_the_list_is_assigned(desk, people, received):
    response = post_action(desk, received, Action.ASSIGN, assignee=people.specialist_x.pk)
    assert response.status_code == 302
    assert Event.objects.filter(dossier=received, action=Action.ASSIGN).exists()


def test_the_assign_form_reads_no_officer_until_posted(people, received):
    spec = SPECS[Action.ASSIGN]
    with CaptureQueriesContext(connection) as captured:
        form = spec.build(received, people.desk_x)
    assert form.fields["assignee"].queryset is None
    assert not captured.captured_queries
    posted = spec.build(received, people.desk_x, data={"assignee": people.specialist_x.pk})
    assert people.specialist_x in posted.fields["assignee"].queryset
