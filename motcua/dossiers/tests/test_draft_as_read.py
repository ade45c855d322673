"""A draft changed as the request read it (``as_read``): no second, locked read; the change is
written by one conditional UPDATE, and refused whole when the row moved after the read."""

import copy

import pytest
from django_tasks_db.models import DBTaskResult

from motcua.audit.models import AuditEntry
from motcua.dossiers import services
from motcua.dossiers.constants import Action, Status
from motcua.dossiers.errors import RuleViolation, StaleDossier
from motcua.dossiers.models import CodeCounter, Dossier, DossierComponent, Event
from motcua.dossiers.services import ComponentInput

pytestmark = pytest.mark.django_db


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


def _counters():
    return list(CodeCounter.objects.values_list("last", flat=True))


def test_a_submission_as_read_repeated_with_its_key_returns_the_dossier_filed(
    people, where, form_component
):
    """With ``as_read`` the key is looked up only when the action is refused: a repeat is
    refused (its read is stale, or the dossier is no longer a draft) and answered by the key."""
    draft = services.save_draft(actor=people.citizen_a, **where)
    components = [ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)]
    first_read = Dossier.objects.get(pk=draft.pk)

    def submit(read):
        return services.submit_online(
            actor=people.citizen_a,
            draft=read,
            components=components,
            idempotency_key="nop-1",
            as_read=True,
            **where,
        )

    filed = submit(first_read)
    before = (_written(), _counters(), Dossier.objects.filter(pk=draft.pk).values().get())
    for read in (first_read, Dossier.objects.get(pk=draft.pk)):
        again = submit(read)
        assert (again.pk, again.code, again.status) == (filed.pk, filed.code, Status.SUBMITTED)
    after = (_written(), _counters(), Dossier.objects.filter(pk=draft.pk).values().get())
    assert after == before


def test_a_refused_submission_as_read_with_a_new_key_is_still_refused(
    people, where, form_component
):
    draft = services.save_draft(actor=people.citizen_a, **where)
    services.save_draft(actor=people.citizen_a, draft=draft, form_data={"b": 1}, **where)
    stale = Dossier.objects.get(pk=draft.pk)
    services.save_draft(actor=people.citizen_a, draft=draft, form_data={"b": 2}, **where)
    with pytest.raises(StaleDossier):
        services.submit_online(
            actor=people.citizen_a,
            draft=stale,
            components=[
                ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)
            ],
            idempotency_key="nop-2",
            as_read=True,
            **where,
        )


def test_a_draft_read_noting_its_components_still_counts_them(people, where, form_component):
    """The draft's read says whether it has components; one that has them is read in full for
    the completeness check, one that has none is not (and lacks the mandatory form)."""
    given = services.save_draft(actor=people.citizen_a, **where)
    DossierComponent.objects.create(
        dossier=given, component=form_component, name="Tờ khai", paper_originals=1
    )
    bare = services.save_draft(actor=people.citizen_a, **where)
    reads = {
        d.pk: d
        for d in services.noting_components(Dossier.objects.filter(pk__in=[given.pk, bare.pk]))
    }
    assert (reads[given.pk].has_components, reads[bare.pk].has_components) == (True, False)
    filed = services.submit_online(
        actor=people.citizen_a, draft=reads[given.pk], components=[], as_read=True, **where
    )
    assert filed.status == Status.SUBMITTED
    with pytest.raises(RuleViolation):
        services.submit_online(
            actor=people.citizen_a, draft=reads[bare.pk], components=[], as_read=True, **where
        )
