"""Routing by competence (ND 118/2025 Art. 14 §2): a dossier is filed only with an agency that
carries out the procedure on the day, tested on the agency's row as the caller read it."""

import datetime

import pytest

from motcua.dossiers import services
from motcua.dossiers.errors import RuleViolation
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import ComponentInput

pytestmark = pytest.mark.django_db


def _submit(people, version, tree, form_component, resolving):
    return services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_y,
        resolving_agency=resolving,
        components=[ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)],
    )


def test_an_agency_not_named_nor_of_a_named_level_is_refused(people, version, tree, form_component):
    with pytest.raises(RuleViolation) as refused:
        _submit(people, version, tree, form_component, tree.department)
    assert refused.value.code == "not_competent"
    assert not Dossier.objects.exists()


def test_an_agency_closed_before_the_day_is_refused(people, version, tree, form_component):
    tree.commune_x.valid_to = datetime.date(2025, 12, 31)
    tree.commune_x.save()
    with pytest.raises(RuleViolation) as refused:
        _submit(people, version, tree, form_component, tree.commune_x)
    assert refused.value.code == "not_competent"


def test_a_competent_agency_is_taken(people, version, tree, form_component):
    dossier = _submit(people, version, tree, form_component, tree.commune_x)
    assert dossier.resolving_agency == tree.commune_x and dossier.code
