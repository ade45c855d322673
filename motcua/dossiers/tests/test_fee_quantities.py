"""Fee lines computed from the request at receipt and at online submission: a line per page of
each copy multiplies by the pages and copies asked (at the desk) or answered in the application
form (online); a missing quantity refuses the intake and leaves nothing behind."""

from decimal import Decimal

import pytest

from motcua.catalog.constants import Quantity
from motcua.catalog.models import FeeLine
from motcua.dossiers import services
from motcua.dossiers.errors import RuleViolation
from motcua.dossiers.models import Dossier, DossierFee
from motcua.dossiers.services import ComponentInput

from .conftest import vn


def _receive(copy_version, copy_component, tree, people, applicant, **extra):
    return services.receive(
        actor=people.desk_x,
        procedure_version=copy_version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        applicant=applicant,
        components=[ComponentInput(name="Tờ khai", component=copy_component, paper_originals=1)],
        at=vn(2026, 3, 2, 9, 0),
        **extra,
    )


def test_the_desk_types_pages_and_copies_in_the_form_and_the_fee_follows(
    copy_version, copy_component, tree, people, applicant
):
    dossier = _receive(
        copy_version,
        copy_component,
        tree,
        people,
        applicant,
        form_data={"fields": {"so_trang": 5, "so_ban": 2}},
    )
    certification, waived = dossier.fees.order_by("id")
    # 2 × 2.000 + 3 × 1.000 per copy, two copies (TT 226/2016 Art. 4).
    assert certification.amount == Decimal(14000)
    assert (certification.quantity, certification.copies) == (5, 2)
    assert certification.quantity_text == "5 trang × 2 bản"
    assert waived.amount == 0 and waived.is_waived and waived.amount_text == "miễn"
    assert list(dossier.fees.payable()) == [certification]


def test_a_quantity_asked_counts_before_the_form_answer(
    copy_version, copy_component, tree, people, applicant
):
    dossier = _receive(
        copy_version,
        copy_component,
        tree,
        people,
        applicant,
        form_data={"fields": {"so_trang": 5, "so_ban": 2}},
        fee_quantities={Quantity.COPIES: 1},
    )
    certification = dossier.fees.order_by("id").first()
    assert (certification.quantity, certification.copies) == (5, 1)
    assert certification.amount == Decimal(7000)


def test_a_quantity_neither_asked_nor_in_a_form_refuses_the_receipt_and_keeps_nothing(
    copy_version, copy_component, tree, people, applicant
):
    # A version without its own form, lines naming no field: the desk must ask every quantity.
    copy_version.form_fields = []
    copy_version.save(update_fields=["form_fields"])
    FeeLine.objects.filter(term__version=copy_version).update(quantity_field="", copies_field="")
    with pytest.raises(RuleViolation) as refused:
        _receive(
            copy_version, copy_component, tree, people, applicant, fee_quantities={"copies": 1}
        )
    assert "Chưa nhập số trang của mỗi bản để tính khoản “Phí chứng thực bản sao”" in str(
        refused.value
    )
    assert not Dossier.objects.exists() and not DossierFee.objects.exists()


def test_the_form_without_the_pages_refuses_the_receipt_with_the_field_named(
    copy_version, copy_component, tree, people, applicant
):
    with pytest.raises(RuleViolation) as refused:
        _receive(
            copy_version,
            copy_component,
            tree,
            people,
            applicant,
            form_data={"fields": {"so_ban": 2}},
        )
    assert "Chưa nhập “Số trang”" in str(refused.value)
    assert not Dossier.objects.exists() and not DossierFee.objects.exists()


def test_online_the_quantities_come_from_the_application_form(
    copy_version, copy_component, tree, people
):
    dossier = services.submit_online(
        actor=people.citizen_a,
        procedure_version=copy_version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[ComponentInput(name="Tờ khai", component=copy_component, paper_originals=1)],
        form_data={"fields": {"so_trang": 300, "so_ban": 3}},
        at=vn(2026, 3, 2, 16, 30),
    )
    certification = dossier.fees.order_by("id").first()
    assert certification.amount == Decimal(600000)  # capped at 200.000 per copy
    assert certification.quantity_text == "300 trang × 3 bản"


def test_online_without_the_answer_is_refused_with_the_field_named(
    copy_version, copy_component, tree, people
):
    with pytest.raises(RuleViolation, match="Chưa nhập “Số bản”"):
        services.submit_online(
            actor=people.citizen_a,
            procedure_version=copy_version,
            receiving_unit=tree.commune_x,
            resolving_agency=tree.commune_x,
            components=[
                ComponentInput(name="Tờ khai", component=copy_component, paper_originals=1)
            ],
            form_data={"fields": {"so_trang": 4}},
            at=vn(2026, 3, 2, 16, 30),
        )
    assert not Dossier.objects.exists()
