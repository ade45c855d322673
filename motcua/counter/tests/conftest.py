"""Counters of commune X's centre: counter 1 serves civil status and certification, counter 2
certification only; commune Y has a counter too. Counter 1's tablet holds TOKEN."""

from types import SimpleNamespace

import pytest

from motcua.catalog.models import Field
from motcua.feedback.tests import conftest as feedback_fixtures

from .. import services
from ..models import Counter

TOKEN = "tablet-token-counter-1"

# Dossiers with and without a result, built through the dossier services (feedback's fixtures).
applicant = feedback_fixtures.applicant
form_component = feedback_fixtures.form_component
version = feedback_fixtures.version
walk_in = feedback_fixtures.walk_in
open_dossier = feedback_fixtures.open_dossier
result_dossier = feedback_fixtures.result_dossier


@pytest.fixture
def fields(db):
    return SimpleNamespace(
        civil=Field.objects.create(code="HT", name="Hộ tịch"),
        certify=Field.objects.create(code="CT", name="Chứng thực"),
        land=Field.objects.create(code="DD", name="Đất đai"),
    )


@pytest.fixture
def counters(tree, fields, people):
    one = Counter.objects.create(centre=tree.commune_x, number=1, name="Hộ tịch")
    one.fields.set([fields.civil, fields.certify])
    two = Counter.objects.create(centre=tree.commune_x, number=2)
    two.fields.set([fields.certify])
    y = Counter.objects.create(centre=tree.commune_y, number=1)
    y.fields.set([fields.civil])
    services.issue_device_token(one, actor=people.manager, token=TOKEN)
    return SimpleNamespace(one=one, two=two, y=y)
