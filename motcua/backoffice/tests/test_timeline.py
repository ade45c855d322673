"""The dossier page's history folds an applicant's repeated draft saves into one line, with how
many times and when the last one was; everything else keeps its own line."""

import re

import pytest
from django.urls import reverse

from motcua.dossiers import services

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db


def test_repeated_draft_saves_are_one_line(as_user, people, tree, version, form_component):
    draft = None
    for minute in (0, 5, 10, 15, 32):
        draft = services.save_draft(
            actor=people.citizen_a,
            procedure_version=version,
            receiving_unit=tree.commune_x,
            resolving_agency=tree.commune_x,
            draft=draft,
            at=vn(2026, 3, 2, 9, minute),
        )
    dossier = services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[
            services.ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)
        ],
        draft=draft,
        at=vn(2026, 3, 2, 9, 40),
    )
    with freeze_time(vn(2026, 3, 2, 10, 0)):
        page = as_user(people.desk_x).get(reverse("backoffice:dossier", args=[dossier.code]))
    history = page.content.decode().split('id="h-history"')[1]
    rows = re.findall(r'<th scope="row">([^<]*)</th>', history)
    assert rows == ["Lưu nháp ×5, lần cuối 09:32 02/03/2026", "Nộp hồ sơ trực tuyến"]
    assert "09:00 02/03/2026" in history  # the run starts at the first save
