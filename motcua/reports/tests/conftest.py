"""The dossier tests' catalogue and walk-in helper, and a hand-built month of dossiers."""

import pytest

from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.services import ComponentInput
from motcua.dossiers.tests import conftest as dossier_fixtures
from motcua.payments.tests.treasury_fixtures import account_x, accountants  # noqa: F401

# The dossier tests' fixtures, reused as they are.
applicant = dossier_fixtures.applicant
form_component = dossier_fixtures.form_component
version = dossier_fixtures.version
walk_in = dossier_fixtures.walk_in
same_day_version = dossier_fixtures.same_day_version
same_day_walk_in = dossier_fixtures.same_day_walk_in
vn = dossier_fixtures.vn


def resolve(dossier, people, at, *, file=False):
    """Take a received dossier through assignment, appraisal and approval to its result."""
    dossier = services.assign(dossier, actor=people.desk_x, assignee=people.specialist_x, at=at)
    dossier = services.complete_step(dossier, actor=people.specialist_x, at=at)
    dossier = services.approve(dossier, actor=people.leader_x, at=at)
    result_file = store_file(b"KQ", name="kq.pdf", content_type="application/pdf") if file else None
    return services.record_result(
        dossier, actor=people.leader_x, document_number="1/GCN", file=result_file, at=at
    )


@pytest.fixture
def march(walk_in, people, tree, version, form_component):
    """March 2026 at commune X (3 working days, due = receipt + 24 working hours):

    L carried over from February, early; M received and finished in February (not in March);
    A early, B on time, C late, D two supplements (late), E withdrawn after acceptance (early),
    H open and overdue at the period end, I open within time, J waiting for a supplement,
    K stopped, N online with an electronic result, paid online; F withdrawn before acceptance
    and G refused at intake (neither counts).
    """
    d = {}
    d["M"] = resolve(walk_in(at=vn(2026, 2, 2, 9, 0)), people, vn(2026, 2, 3, 9, 0))
    d["L"] = resolve(walk_in(at=vn(2026, 2, 27, 9, 0)), people, vn(2026, 3, 3, 10, 0))
    d["A"] = resolve(walk_in(at=vn(2026, 3, 2, 9, 0)), people, vn(2026, 3, 3, 15, 0))
    d["B"] = resolve(walk_in(at=vn(2026, 3, 2, 10, 0)), people, vn(2026, 3, 5, 9, 0))
    d["C"] = resolve(walk_in(at=vn(2026, 3, 2, 11, 0)), people, vn(2026, 3, 6, 9, 0))
    dossier = services.assign(
        walk_in(at=vn(2026, 3, 2, 8, 0)), actor=people.desk_x, at=vn(2026, 3, 2, 8, 5)
    )
    for day in (2, 3):
        dossier = services.request_supplement(
            dossier,
            actor=people.specialist_x,
            items=[{"name": "X", "reason": "Y"}],
            at=vn(2026, 3, day, 10, 0),
        )
        dossier = services.complete_supplement(
            dossier,
            actor=people.desk_x,
            components=[ComponentInput(name="X")],
            at=vn(2026, 3, day, 11, 0),
        )
    d["D"] = resolve_rest(dossier, people, vn(2026, 3, 3, 15, 0))
    d["E"] = services.withdraw(
        walk_in(at=vn(2026, 3, 2, 9, 30)),
        actor=people.desk_x,
        reason="Đơn rút",
        at=vn(2026, 3, 3, 9, 0),
    )
    d["H"] = services.assign(
        walk_in(at=vn(2026, 3, 2, 14, 0)),
        actor=people.desk_x,
        assignee=people.specialist_x,
        at=vn(2026, 3, 2, 14, 5),
    )
    d["I"] = walk_in(at=vn(2026, 3, 30, 9, 0))
    dossier = services.assign(
        walk_in(at=vn(2026, 3, 2, 15, 0)), actor=people.desk_x, at=vn(2026, 3, 2, 15, 5)
    )
    d["J"] = services.request_supplement(
        dossier,
        actor=people.specialist_x,
        items=[{"name": "X", "reason": "Y"}],
        at=vn(2026, 3, 3, 9, 0),
    )
    d["K"] = services.stop(
        walk_in(at=vn(2026, 3, 2, 13, 0)),
        actor=people.leader_x,
        reason="Không đủ điều kiện",
        at=vn(2026, 3, 3, 9, 0),
    )
    component = ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)
    online = services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[component],
        at=vn(2026, 3, 2, 16, 30),
    )
    online = services.accept(online, actor=people.desk_x, at=vn(2026, 3, 3, 8, 0))
    online = services.assign(online, actor=people.desk_x, at=vn(2026, 3, 3, 8, 5))
    online = services.request_payment(online, actor=people.specialist_x, at=vn(2026, 3, 3, 9, 0))
    online = services.confirm_payment(
        online, actor=None, reference="GD-1", online=True, at=vn(2026, 3, 3, 10, 0)
    )
    d["N"] = resolve_rest(online, people, vn(2026, 3, 4, 10, 0), file=True)
    f = services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[component],
        at=vn(2026, 3, 4, 9, 0),
    )
    d["F"] = services.withdraw(
        f, actor=people.citizen_a, reason="Nộp nhầm", at=vn(2026, 3, 4, 10, 0)
    )
    g = services.submit_online(
        actor=people.citizen_b,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[component],
        at=vn(2026, 3, 4, 9, 0),
    )
    d["G"] = services.refuse_intake(
        g, actor=people.desk_x, reason="Không thuộc thẩm quyền", at=vn(2026, 3, 4, 11, 0)
    )
    return d


def resolve_rest(dossier, people, at, *, file=False):
    """From appraisal (already assigned) to the result, electronic when ``file``."""
    dossier = services.complete_step(dossier, actor=people.specialist_x, at=at)
    dossier = services.approve(dossier, actor=people.leader_x, at=at)
    result_file = store_file(b"KQ", name="kq.pdf", content_type="application/pdf") if file else None
    return services.record_result(
        dossier, actor=people.leader_x, document_number="2/GCN", file=result_file, at=at
    )
