"""The reorganisation page of the admin: superusers only; the preview moves nothing; the
confirmation moves the open work."""

import pytest
from django.urls import reverse

from motcua.accounts.models import User, UserKind
from motcua.dossiers.constants import Action
from motcua.dossiers.models import Dossier, Event

from .test_reorganisation import DECISION, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return User.objects.create_superuser(
        "quantri", "quantri@example.vn", "x", full_name="Nguyễn Văn Quản", kind=UserKind.OFFICER
    )


def _url(tree):
    return reverse("admin:agencies_agency_reorganise", args=[tree.commune_x.pk])


def _form(tree, **extra):
    return {
        "kind": "merge",
        "targets": [tree.commune_y.pk],
        "effective_date": today().isoformat(),
        "decision": DECISION,
        **extra,
    }


def test_preview_lists_what_will_move_and_moves_nothing(client, superuser, workload, tree):
    client.force_login(superuser)
    assert client.get(_url(tree)).status_code == 200
    response = client.post(_url(tree), _form(tree, preview="1"))
    body = response.content.decode()
    assert response.status_code == 200
    for key in ("working", "waiting", "received"):
        assert workload[key].code in body
    assert workload["done"].code not in body
    assert 'name="confirm"' in body
    assert not Event.objects.filter(action=Action.REORGANISE).exists()


def test_confirm_moves_the_open_work(client, superuser, workload, tree):
    client.force_login(superuser)
    response = client.post(_url(tree), _form(tree, confirm="1"))
    assert response.status_code == 302
    assert Dossier.objects.get(pk=workload["working"].pk).resolving_agency == tree.commune_y
    assert Event.objects.filter(action=Action.REORGANISE, actor=superuser).count() == 3


def test_a_refusal_is_shown_on_the_page(client, superuser, workload, tree):
    client.force_login(superuser)
    response = client.post(_url(tree), _form(tree, targets=[tree.department.pk], preview="1"))
    assert response.status_code == 200
    assert 'name="confirm"' not in response.content.decode()
    response = client.post(_url(tree), _form(tree, effective_date="2099-01-01", preview="1"))
    assert "chưa đến" in response.content.decode()


def test_only_administrators_reach_the_page(client, tree, people):
    url = _url(tree)
    assert client.get(url).status_code == 302  # anonymous: to the admin's sign-in
    assert "/admin/login/" in client.get(url)["Location"]
    staff = people.manager
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get(url).status_code == 403  # staff, not an administrator
    assert client.post(url, _form(tree, confirm="1")).status_code == 403
    assert not Event.objects.filter(action=Action.REORGANISE).exists()
    client.force_login(people.citizen_a)
    assert "/admin/login/" in client.get(url)["Location"]


def test_the_action_opens_the_page_for_one_agency(client, superuser, tree):
    client.force_login(superuser)
    changelist = reverse("admin:agencies_agency_changelist")
    response = client.post(
        changelist, {"action": "reorganise", "_selected_action": [tree.commune_x.pk]}
    )
    assert response.status_code == 302 and response["Location"] == _url(tree)
    response = client.post(
        changelist,
        {"action": "reorganise", "_selected_action": [tree.commune_x.pk, tree.commune_y.pk]},
    )
    assert response.status_code == 302 and response["Location"] != _url(tree)
