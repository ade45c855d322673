"""A draft changed as the request read it (``as_read``): no second, locked read; the change is
written by one conditional UPDATE, and refused whole when the row moved after the read."""

import copy

import pytest
from django_tasks_db.models import DBTaskResult

from motcua.audit.models import AuditEntry
from motcua.dossiers import services
from motcua.dossiers.constants import Action, Status
from motcua.dossiers.errors import StaleDossier
from motcua.dossiers.models import CodeCounter, Dossier, Event
from motcua.dossiers.services import ComponentInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def where(version, tree):
    return {
        "procedure_version": version,
        "receiving_unit": tree.commune_x,
        "resolving_agency": tree.commune_x,
    }


def _written():
    return (Event.objects.count(), AuditEntry.objects.count(), DBTaskResult.objects.count())


def test_a_draft_saved_as_read_is_written_once_with_its_history(people, where):
    draft = services.save_draft(actor=people.citizen_a, form_data={"a": 1}, **where)
    read = Dossier.objects.get(pk=draft.pk)
    saved = services.save_draft(
        actor=people.citizen_a, draft=read, form_data={"a": 2}, as_read=True, **where
    )
    stored = Dossier.objects.get(pk=draft.pk)
    assert stored.version == saved.version == draft.version + 1
    assert stored.form_data == {"a": 2} and stored.updated_at > draft.updated_at
    assert stored.applicant_search  # what ``save`` computes is written too
    assert [e.action for e in stored.events.order_by("sequence")] == [Action.SAVE_DRAFT] * 2
    assert read.form_data == {"a": 1} and read.version == draft.version  # the caller's read


def test_a_draft_changed_after_the_read_is_refused_and_nothing_is_kept(people, where):
    draft = services.save_draft(actor=people.citizen_a, form_data={"a": 1}, **where)
    read = Dossier.objects.get(pk=draft.pk)
    kept = copy.copy(read)
    # Another tab saves it meanwhile.
    services.save_draft(actor=people.citizen_a, draft=draft, form_data={"b": 1}, **where)
    before = (Dossier.objects.filter(pk=draft.pk).values().get(), _written())
    with pytest.raises(StaleDossier):
        services.save_draft(
            actor=people.citizen_a, draft=read, form_data={"a": 2}, as_read=True, **where
        )
    assert (Dossier.objects.filter(pk=draft.pk).values().get(), _written()) == before
    assert read.form_data == kept.form_data and read.version == kept.version


def test_a_draft_submitted_as_read_after_a_change_takes_no_code(people, where, form_component):
    draft = services.save_draft(actor=people.citizen_a, **where)
    read = Dossier.objects.get(pk=draft.pk)
    services.save_draft(actor=people.citizen_a, draft=draft, form_data={"b": 1}, **where)
    components = [ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)]
    before = (_written(), list(CodeCounter.objects.values_list("last", flat=True)))
    with pytest.raises(StaleDossier):
        services.submit_online(
            actor=people.citizen_a, draft=read, components=components, as_read=True, **where
        )
    after = (_written(), list(CodeCounter.objects.values_list("last", flat=True)))
    assert after == before
    stored = Dossier.objects.get(pk=draft.pk)
    assert stored.status == Status.DRAFT and stored.code is None
    assert not stored.components.exists() and not stored.fees.exists()
    read = Dossier.objects.get(pk=draft.pk)
    filed = services.submit_online(
        actor=people.citizen_a, draft=read, components=components, as_read=True, **where
    )
    assert filed.status == Status.SUBMITTED and filed.code.endswith("-0001")
    assert Dossier.objects.get(pk=draft.pk).version == read.version + 1
