"""The result from the specialist's draft to the desk: the leader signs it with a personal key at
approval, the registry (văn thư) issues it with the agency's seal as a second signature — or the
approval issues it with both when no registry stage follows — and the desk records that the
originals were given back."""

import copy
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.documents import services as documents
from motcua.documents.tests import samples
from motcua.dossiers import selectors, services
from motcua.dossiers.constants import Action, Status
from motcua.dossiers.tests.conftest import CATALOGUE, _step
from motcua.notices import services as notices
from motcua.notices.constants import FormKey
from motcua.notices.tests.helpers import flat, pdf_text
from motcua.signatures.tests.helpers import pdfsig, simple_pdf
from motcua.signatures.verification import Verdict, trust_roots, verify_pdf

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

A = Action


def _post(client, dossier, action, **data):
    dossier.refresh_from_db()
    payload = {"version": dossier.version, "idempotency_key": f"t-{action}-{dossier.version}"}
    return client.post(reverse("backoffice:act", args=[dossier.code, action]), payload | data)


def _page(client, dossier) -> str:
    return client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()


def _pdf_upload(name="ket-qua.pdf", text="Giấy chứng nhận thử nghiệm"):
    return SimpleUploadedFile(name, simple_pdf(text), content_type="application/pdf")


def _signers(pdf: bytes) -> list[tuple[str, str]]:
    """(common name, organisation) of every signature, each checked with pyHanko's validator:
    intact, cryptographically valid and chaining to the demo root."""
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    found = []
    for embedded in PdfFileReader(io.BytesIO(pdf)).embedded_signatures:
        status = validate_pdf_signature(embedded, context)
        assert status.intact and status.valid and status.trusted, embedded.field_name
        subject = status.signing_cert.subject.native
        found.append((subject["common_name"], subject["organization_name"]))
    return found


def _assert_leader_then_seal(pdf: bytes, leader, agency):
    assert _signers(pdf) == [(leader.get_full_name(), agency.name), (agency.name, agency.name)]
    # The whole-document verdict also checks that nothing but a signature came after the first.
    report = verify_pdf(pdf)
    assert report.verdict == Verdict.VALID, report
    assert report.signatures[-1].covers_whole_file
    output = pdfsig(pdf)
    assert output.count("Signature Validation: Signature is Valid.") == 2
    assert f"Signer Certificate Common Name: {leader.get_full_name()}" in output
    assert f"Signer Certificate Common Name: {agency.name}" in output


@pytest.fixture
def at_step(walk_in, people):
    """A dossier of the five-stage test process at the specialist's appraisal step."""
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    return services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 10, 0))


@pytest.fixture
def awaiting_approval(at_step, people):
    return services.complete_step(at_step, actor=people.specialist_x, at=vn(2026, 3, 3, 9, 0))


def test_leader_signs_at_approval_and_registry_adds_the_seal_without_upload(
    as_user, people, registry_x, awaiting_approval
):
    dossier = awaiting_approval
    with freeze_time(vn(2026, 3, 3, 10, 0)):
        response = _post(
            as_user(people.leader_x),
            dossier,
            A.APPROVE,
            decision="granted",
            document_number="15/GCN",
            result_file=_pdf_upload(),
        )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_PROGRESS and not dossier.results.exists()
    approval = dossier.events.get(action=A.APPROVE)
    draft = approval.attachments.get()
    assert approval.data["draft_result"] == draft.pk
    assert selectors.draft_result(dossier) == draft
    assert _signers(documents.read_bytes(draft)) == [
        (people.leader_x.get_full_name(), dossier.resolving_agency.name)
    ]

    registry = as_user(registry_x)
    with freeze_time(vn(2026, 3, 3, 11, 0)):
        page = _page(registry, dossier)
        draft_url = reverse("backoffice:file", args=[dossier.code, draft.pk])
        assert "ban hành dự thảo kết quả lãnh đạo đã ký" in page
        assert f'href="{draft_url}"' in page
        response = _post(registry, dossier, A.RECORD_RESULT, document_number="15/GCN")
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_READY
    result = dossier.results.get()
    assert result.file is not None and result.file != draft
    assert result.file.name == "ket-qua-ky-so.pdf"
    assert documents.verify(result.file)
    issued = dossier.events.get(action=A.RECORD_RESULT)
    assert issued.data == {"result": result.code, "from_draft": draft.pk}
    _assert_leader_then_seal(
        documents.read_bytes(result.file), people.leader_x, dossier.resolving_agency
    )


def test_an_upload_at_the_registry_replaces_the_draft(
    as_user, people, registry_x, awaiting_approval
):
    dossier = services.approve(
        awaiting_approval,
        actor=people.leader_x,
        result_file=documents.store_file(
            simple_pdf(), name="du-thao.pdf", content_type="application/pdf"
        ),
        at=vn(2026, 3, 3, 10, 0),
    )
    with freeze_time(vn(2026, 3, 3, 11, 0)):
        response = _post(
            as_user(registry_x), dossier, A.RECORD_RESULT, file=_pdf_upload("ban-moi.pdf")
        )
    assert response.status_code == 302
    result = dossier.results.get()
    assert result.file.name == "ban-moi-ky-so.pdf"
    agency = dossier.resolving_agency
    assert _signers(documents.read_bytes(result.file)) == [(agency.name, agency.name)]
    assert "from_draft" not in dossier.events.get(action=A.RECORD_RESULT).data


def test_specialist_proposes_a_draft_that_the_leader_approves_as_it_is(
    as_user, people, registry_x, at_step
):
    dossier = at_step
    specialist = as_user(people.specialist_x)
    with freeze_time(vn(2026, 3, 3, 9, 0)):
        assert "Dự thảo kết quả trình phê duyệt" in _page(specialist, dossier)
        response = _post(
            specialist,
            dossier,
            A.COMPLETE_STEP,
            note="Đủ điều kiện, trình ký",
            draft_result=_pdf_upload("du-thao.pdf"),
        )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.AWAITING_APPROVAL
    proposed = dossier.events.get(action=A.COMPLETE_STEP)
    draft = proposed.attachments.get()
    assert proposed.data == {"draft_result": draft.pk} and draft.name == "du-thao.pdf"

    leader = as_user(people.leader_x)
    with freeze_time(vn(2026, 3, 3, 10, 0)):
        page = _page(leader, dossier)
        assert "phê duyệt và ký số dự thảo kết quả đã trình" in page
        assert f'href="{reverse("backoffice:file", args=[dossier.code, draft.pk])}"' in page
        assert _post(leader, dossier, A.APPROVE, decision="granted").status_code == 302
    dossier.refresh_from_db()
    signed = dossier.events.get(action=A.APPROVE).attachments.get()
    assert signed != draft and signed.name == "du-thao-ky-so.pdf"
    assert selectors.draft_result(dossier) == signed

    with freeze_time(vn(2026, 3, 3, 11, 0)):
        assert _post(as_user(registry_x), dossier, A.RECORD_RESULT).status_code == 302
    result = dossier.results.get()
    _assert_leader_then_seal(
        documents.read_bytes(result.file), people.leader_x, dossier.resolving_agency
    )


def test_a_draft_must_be_a_pdf(as_user, people, at_step):
    png = SimpleUploadedFile("anh.png", samples.image("PNG"), content_type="image/png")
    with freeze_time(vn(2026, 3, 3, 9, 0)):
        response = _post(as_user(people.specialist_x), at_step, A.COMPLETE_STEP, draft_result=png)
    assert response.status_code == 400
    assert "không phải tệp PDF" in response.content.decode()
    at_step.refresh_from_db()
    assert at_step.status == Status.IN_PROGRESS


def _proposed(dossier, people):
    draft = documents.store_file(simple_pdf(), name="du-thao.pdf", content_type="application/pdf")
    dossier = services.complete_step(
        dossier, actor=people.specialist_x, draft_result=draft, at=vn(2026, 3, 3, 9, 0)
    )
    assert selectors.draft_result(dossier) == draft
    return dossier


def test_a_draft_sent_back_no_longer_stands(people, at_step):
    dossier = services.return_step(
        _proposed(at_step, people),
        actor=people.leader_x,
        reason="Sửa lại dự thảo",
        at=vn(2026, 3, 3, 10, 0),
    )
    assert selectors.draft_result(dossier) is None


def test_a_refusal_does_not_sign_or_issue_the_proposed_draft(people, at_step):
    dossier = services.approve(
        _proposed(at_step, people),
        actor=people.leader_x,
        decision="refused",
        note="Không đủ điều kiện",
        sign=lambda stored: pytest.fail("nothing to sign"),
        at=vn(2026, 3, 3, 14, 0),
    )
    assert selectors.draft_result(dossier) is None
    dossier = services.record_result(dossier, actor=people.leader_x, at=vn(2026, 3, 3, 15, 0))
    assert dossier.results.get().file is None


def _without_registry():
    """The test catalogue's procedure under another code, its process without a registry stage:
    desk, specialist, leader, desk."""
    data = copy.deepcopy(CATALOGUE)
    procedure = data["procedures"][0]
    procedure["code"] = "9.000002"
    version = procedure["versions"][0]
    version["name"] = "Thủ tục thử nghiệm không qua văn thư"
    version["processes"][0]["steps"] = [
        _step("Tiếp nhận, chuyển xử lý", "desk", "desk_officer", 1, 1),
        _step("Thẩm định", "specialist_unit", "specialist", 16, 2),
        _step("Phê duyệt", "leadership", "agency_leader", 6, 3),
        _step("Trả kết quả", "desk", "desk_officer", 1, 4),
    ]
    return data


def test_without_a_registry_stage_approval_issues_with_both_signatures(
    as_user, people, walk_in, version
):
    catalog_services.import_catalogue(_without_registry())
    direct = catalog.published_version_on("9.000002", datetime.date(2026, 3, 2))
    dossier = walk_in(
        procedure_version=direct,
        components=[
            services.ComponentInput(
                name="Tờ khai", component=direct.components.get(name="Tờ khai"), paper_originals=1
            )
        ],
        at=vn(2026, 3, 2, 9, 0),
    )
    dossier = services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 10, 0))
    dossier = services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 9, 0))
    with freeze_time(vn(2026, 3, 3, 10, 0)):
        response = _post(
            as_user(people.leader_x),
            dossier,
            A.APPROVE,
            decision="granted",
            document_number="16/GCN",
            result_file=_pdf_upload(),
        )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_READY
    result = dossier.results.get()
    assert result.document_number == "16/GCN" and result.file.name == "ket-qua-ky-so.pdf"
    _assert_leader_then_seal(
        documents.read_bytes(result.file), people.leader_x, dossier.resolving_agency
    )


@pytest.fixture
def result_ready(awaiting_approval, people):
    dossier = services.approve(awaiting_approval, actor=people.leader_x, at=vn(2026, 3, 3, 10, 0))
    return services.record_result(dossier, actor=people.leader_x, at=vn(2026, 3, 3, 11, 0))


def test_desk_return_requires_the_originals_returned_confirmation(as_user, people, result_ready):
    desk = as_user(people.desk_x)
    recipient = {"recipient_name": "Nguyễn Văn An", "recipient_id_number": "068080001234"}
    with freeze_time(vn(2026, 3, 4, 8, 0)):
        assert "Đã trả lại bản gốc giấy tờ cho người nhận" in _page(desk, result_ready)
        refused = _post(desk, result_ready, A.RETURN_RESULT, **recipient)
        assert refused.status_code == 400
        assert "Hãy xác nhận đã trả lại bản gốc giấy tờ" in refused.content.decode()
        result_ready.refresh_from_db()
        assert result_ready.status == Status.RESULT_READY
        done = _post(
            desk,
            result_ready,
            A.RETURN_RESULT,
            originals_returned="on",
            originals_note="Tờ khai bản chính",
            **recipient,
        )
    assert done.status_code == 302
    result_ready.refresh_from_db()
    assert result_ready.status == Status.RETURNED
    event = result_ready.events.get(action=A.RETURN_RESULT)
    assert event.data["originals_returned"] is True
    assert event.data["originals_note"] == "Tờ khai bản chính"
    text = flat(pdf_text(notices.render_notice(result_ready, FormKey.CONTROL_SLIP)))
    assert "Trả kết quả cho cá nhân, tổ chức: 08 giờ 00 phút, ngày 04 tháng 03 năm 2026" in text
    assert "Người nhận: Nguyễn Văn An (số giấy tờ 068080001234)." in text
    assert "Đã trả lại bản gốc giấy tờ." in text
    assert "Ghi chú bản gốc: Tờ khai bản chính." in text


def test_postal_return_does_not_ask_for_originals(as_user, people, walk_in):
    with freeze_time(vn(2026, 3, 2, 9, 0)):
        dossier = walk_in(delivery="post", delivery_address="12 Lê Lợi, Xã Thử X")
    dossier = services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 10, 0))
    dossier = services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 9, 0))
    dossier = services.approve(dossier, actor=people.leader_x, at=vn(2026, 3, 3, 10, 0))
    dossier = services.record_result(dossier, actor=people.leader_x, at=vn(2026, 3, 3, 11, 0))
    with freeze_time(vn(2026, 3, 3, 14, 0)):
        assert "bản gốc" not in _page(as_user(people.desk_x), dossier)
