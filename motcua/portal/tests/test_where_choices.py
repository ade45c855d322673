"""The online filing's first step reads the two agencies chosen in one query; each is still
taken only from its own field's choices (the competent agencies, the open desks)."""

import pytest
from django.urls import reverse

from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def _choose(client, version, resolving, desk):
    return client.post(
        reverse("portal:apply", args=[version.procedure.code]),
        {"resolving_agency": resolving, "receiving_unit": desk},
    )


@pytest.mark.parametrize(
    ("resolving", "desk", "refused"),
    [
        ("department", "department", {"resolving_agency", "receiving_unit"}),
        ("commune_x", "department", {"receiving_unit"}),
        ("department", "commune_x", {"resolving_agency"}),
        ("missing", "commune_x", {"resolving_agency"}),
        ("commune_x", "not a number", {"receiving_unit"}),
    ],
)
def test_an_agency_off_its_fields_choices_is_refused(
    as_user, people, tree, version, resolving, desk, refused
):
    ids = {"missing": 987654, "not a number": "x1"}
    values = [ids.get(name) or getattr(tree, name).pk for name in (resolving, desk)]
    response = _choose(as_user(people.citizen_a), version, *values)
    assert response.status_code == 200
    form = response.context["form"]
    assert {name for name in form.errors} == refused
    for name in refused:
        assert form.has_error(name, "invalid_choice")
    assert not Dossier.objects.exists()


def test_each_agency_is_taken_from_its_own_field(as_user, people, tree, version):
    response = _choose(as_user(people.citizen_a), version, tree.commune_x.pk, tree.commune_y.pk)
    assert response.status_code == 302
    draft = Dossier.objects.get()
    assert (draft.resolving_agency, draft.receiving_unit) == (tree.commune_x, tree.commune_y)
