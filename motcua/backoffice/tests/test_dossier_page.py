"""The dossier page: what it shows, which actions it offers to whom in which state (a table
written by hand beside test_action_matrix's computed one), what a forced or stale POST does, and
the journeys through it. Its files and their viewer: test_dossier_files.py."""

import pytest
from django.urls import reverse

from motcua.dossiers import services
from motcua.dossiers.constants import Action, Status
from motcua.dossiers.models import Dossier, Event
from motcua.signatures.verification import verify_pdf

from .conftest import freeze_time, vn
from .states import (
    action_url,
    offered_actions,
    open_page,
    page_url,
    post_action,
    through_to_result,
)

pytestmark = pytest.mark.django_db

A = Action


@freeze_time(vn(2026, 3, 2, 10, 0))
def test_page_shows_everything_on_one_screen(as_user, people, received):
    response = open_page(as_user(people.desk_x), received)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        received.code,
        "Thủ tục thử nghiệm",
        "Nguyễn Văn An",
        "Tờ khai",
        "Thẩm định",
        "Lệ phí",
        "Lịch sử xử lý",
        "Tiếp nhận hồ sơ trực tiếp",
        "Trong hạn",
    ):
        assert text in html, text


# (fixture, persona) -> the actions offered. The matrix follows access.OFFICER_RULES and the
# state table; the internal process narrows "complete step" and "record result".
MATRIX = [
    ("received", "desk_x", {A.ASSIGN, A.REAPPOINT, A.WITHDRAW}),
    ("received", "specialist_x", {A.REQUEST_SUPPLEMENT}),
    ("received", "leader_x", {A.ASSIGN, A.REAPPOINT, A.STOP, A.REQUEST_SUPPLEMENT}),
    ("received", "desk_y", None),
    (
        "in_progress",
        "specialist_x",
        # No "return to previous step" at the first resolution stage: there is none before it.
        {A.COMPLETE_STEP, A.TRANSFER, A.REQUEST_SUPPLEMENT, A.REQUEST_PAYMENT},
    ),
    # The desk may reassign but not do the specialist's step.
    ("in_progress", "desk_x", {A.ASSIGN, A.WITHDRAW, A.REAPPOINT}),
    (
        "awaiting_approval",
        "leader_x",
        {
            A.ASSIGN,
            A.APPROVE,
            A.RETURN_STEP,
            A.REQUEST_SUPPLEMENT,
            A.REQUEST_PAYMENT,
            A.REAPPOINT,
            A.STOP,
        },
    ),
    ("awaiting_approval", "specialist_x", {A.RETURN_STEP, A.REQUEST_SUPPLEMENT, A.REQUEST_PAYMENT}),
    (
        "at_registry",
        "leader_x",
        {
            A.ASSIGN,
            A.RECORD_RESULT,
            A.REQUEST_SUPPLEMENT,
            A.REQUEST_PAYMENT,
            A.RETURN_STEP,
            A.REAPPOINT,
            A.STOP,
            A.TRANSFER,
        },
    ),
    ("at_registry", "registry_x", {A.RECORD_RESULT}),
    ("result_ready", "desk_x", {A.RETURN_RESULT}),
    ("result_ready", "leader_x", set()),
]


@pytest.mark.parametrize(("state", "persona", "expected"), MATRIX)
@freeze_time(vn(2026, 3, 3, 11, 30))
def test_action_matrix(request, as_user, cast, state, persona, expected):
    dossier = request.getfixturevalue(state)
    response = open_page(as_user(cast[persona]), dossier)
    if expected is None:
        assert response.status_code == 404
        return
    assert offered_actions(response) == {str(a) for a in expected}


@freeze_time(vn(2026, 3, 2, 10, 0))
def test_forced_action_is_refused_by_the_service_and_changes_nothing(as_user, people, received):
    client = as_user(people.specialist_x)
    before = received.version
    response = post_action(client, received, A.APPROVE, decision="granted")
    assert response.status_code == 400
    assert "Không thể" in response.content.decode()
    received.refresh_from_db()
    assert received.version == before and received.status == Status.RECEIVED


@freeze_time(vn(2026, 3, 2, 10, 0))
def test_role_without_capacity_gets_the_services_message(as_user, people, received):
    response = post_action(as_user(people.specialist_x), received, A.ASSIGN)
    assert response.status_code == 400
    assert "không có vai trò phù hợp" in response.content.decode()
    assert Event.objects.filter(dossier=received).count() == 1


@freeze_time(vn(2026, 3, 2, 10, 0))
def test_stale_version_shows_changed_since_opened(as_user, people, received):
    client = as_user(people.desk_x)
    stale = received.version
    services.reappoint(
        received,
        actor=people.leader_x,
        new_due_at=vn(2026, 3, 9, 17, 0),
        reason="Chờ xác minh",
    )
    response = client.post(
        action_url(received, A.ASSIGN),
        {"version": stale, "idempotency_key": "t-stale"},
    )
    assert response.status_code == 400
    assert "đã được thay đổi từ khi bạn mở" in response.content.decode()


@freeze_time(vn(2026, 3, 2, 10, 0))
def test_assign_then_the_repeated_post_does_nothing(as_user, people, received):
    client = as_user(people.desk_x)
    data = {
        "version": received.version,
        "idempotency_key": "t-assign-once",
        "assignee": people.specialist_x.pk,
    }
    url = action_url(received, A.ASSIGN)
    first = client.post(url, data)
    assert first.status_code == 302
    second = client.post(url, data)
    assert second.status_code == 302
    received.refresh_from_db()
    assert received.status == Status.IN_PROGRESS
    assert received.assignee == people.specialist_x
    assert Event.objects.filter(dossier=received, action=A.ASSIGN).count() == 1


@freeze_time(vn(2026, 3, 3, 9, 0))
def test_failed_form_keeps_what_was_typed(as_user, people, in_progress):
    response = post_action(
        as_user(people.specialist_x),
        in_progress,
        A.REQUEST_SUPPLEMENT,
        item_0="",
        reason="Ghi chú còn giữ",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ghi chú còn giữ" in html
    assert "Hãy liệt kê đầy đủ" in html


def test_full_processing_through_the_page(as_user, people, received):
    with freeze_time(vn(2026, 3, 2, 10, 0)):
        assert post_action(as_user(people.desk_x), received, A.ASSIGN).status_code == 302
    with freeze_time(vn(2026, 3, 3, 9, 0)):
        assert (
            post_action(
                as_user(people.specialist_x), received, A.COMPLETE_STEP, note="Đủ điều kiện"
            )
        ).status_code == 302
    with freeze_time(vn(2026, 3, 3, 10, 0)):
        assert (
            post_action(as_user(people.leader_x), received, A.APPROVE, decision="granted")
        ).status_code == 302
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("ketqua.pdf", _real_pdf(), content_type="application/pdf")
    with freeze_time(vn(2026, 3, 3, 11, 0)):
        response = post_action(
            as_user(people.leader_x), received, A.RECORD_RESULT, document_number="7/GCN", file=pdf
        )
        assert response.status_code == 302
    with freeze_time(vn(2026, 3, 3, 14, 0)):
        client = as_user(people.desk_x)
        page = open_page(client, received).content.decode()
        assert "7/GCN" in page and "ketqua-ky-so.pdf" in page
        signed = reverse("backoffice:file", args=[received.code, received.results.get().file_id])
        assert f'<iframe src="{signed}" title="Tệp ketqua-ky-so.pdf" loading="lazy">' in page
        response = post_action(
            client,
            received,
            A.RETURN_RESULT,
            recipient_name="Nguyễn Văn An",
            recipient_id_number="068080000001",
            originals_returned="on",
        )
        assert response.status_code == 302
    received.refresh_from_db()
    assert received.status == Status.RETURNED
    result = received.results.get()
    file_url = reverse("backoffice:file", args=[received.code, result.file_id])
    served = as_user(people.desk_x).get(file_url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("inline")
    assert as_user(people.desk_y).get(file_url).status_code == 404
    # The issued e-result carries the resolving agency's PAdES signature.
    report = verify_pdf(b"".join(served.streaming_content))
    assert report.verdict == "valid", report
    assert received.resolving_agency.name in {s.organization for s in report.signatures}


def test_a_broken_pdf_result_is_refused_with_a_message(as_user, people, at_registry):
    from django.core.files.uploadedfile import SimpleUploadedFile

    broken = SimpleUploadedFile("ketqua.pdf", b"%PDF-1.4 broken", content_type="application/pdf")
    with freeze_time(vn(2026, 3, 3, 11, 0)):
        response = post_action(as_user(people.leader_x), at_registry, A.RECORD_RESULT, file=broken)
    assert response.status_code == 400
    # Refused by the upload check, which reads the whole file (documents/content.py).
    assert "“ketqua.pdf” không phải tệp PDF hợp lệ" in response.content.decode()
    at_registry.refresh_from_db()
    assert at_registry.status == Status.IN_PROGRESS and not at_registry.results.exists()


def _real_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Giay chung nhan")
    page.save()
    return buffer.getvalue()


@freeze_time(vn(2026, 3, 2, 10, 0))
def test_other_commune_cannot_see_or_act(as_user, people, received):
    client = as_user(people.desk_y)
    assert open_page(client, received).status_code == 404
    assert post_action(client, received, A.ASSIGN).status_code == 404
    received.refresh_from_db()
    assert received.status == Status.RECEIVED


def test_citizen_gets_403_and_anonymous_goes_to_login(client, as_user, people, received):
    url = page_url(received)
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("backoffice:login"))
    assert as_user(people.citizen_a).get(url).status_code == 403
    assert as_user(people.citizen_a).post(action_url(received, A.WITHDRAW), {}).status_code == 403
    assert Dossier.objects.get(pk=received.pk).status == Status.RECEIVED


@freeze_time(vn(2026, 3, 2, 10, 0))
def test_dossier_page_query_count_is_bounded(
    as_user, people, received, django_assert_max_num_queries
):
    client = as_user(people.leader_x)
    open_page(client, received)
    # 26: the national portal sync status is one query (cursor with its undelivered messages);
    # +1: the audit row of this read (#17 item 5), one INSERT at the end of the request.
    # +1: the second-factor device that verified the session (django_otp's OTPMiddleware).
    with django_assert_max_num_queries(28):
        assert open_page(client, received).status_code == 200


def test_online_dossier_waits_in_the_desk_queue_for_the_check(
    as_user, people, version, tree, form_component
):
    with freeze_time(vn(2026, 3, 2, 9, 0)):
        dossier = services.submit_online(
            actor=people.citizen_a,
            procedure_version=version,
            receiving_unit=tree.commune_x,
            resolving_agency=tree.commune_x,
            components=[
                services.ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)
            ],
        )
    client = as_user(people.desk_x)
    with freeze_time(vn(2026, 3, 2, 10, 0)):
        queue = client.get(reverse("backoffice:queue"))
        assert dossier.code in queue.content.decode()
        page = open_page(client, dossier)
        html = page.content.decode()
        assert "Ngày hẹn trả nếu tiếp nhận bây giờ" in html
        assert "10:00 05/03/2026" in html
        # No steps before acceptance: said in words, not an empty table's heading row.
        steps = html[
            html.index('id="h-steps"') : html.index("</section>", html.index('id="h-steps"'))
        ]
        assert 'id="no-steps"' in steps and "<table" not in steps
        assert offered_actions(page) == {
            A.ACCEPT,
            A.REQUEST_INTAKE_SUPPLEMENT,
            A.REFUSE_INTAKE,
            A.WITHDRAW,
            A.CORRECT_ANSWERS,  # beside the answers, while the desk checks (issue #14)
        }
        assert post_action(client, dossier, A.ACCEPT).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    with freeze_time(vn(2026, 3, 2, 10, 5)):
        html = open_page(client, dossier).content.decode()
    steps = html[html.index('id="h-steps"') : html.index("</section>", html.index('id="h-steps"'))]
    assert 'id="no-steps"' not in steps and "<table" in steps
    assert dossier.received_at == vn(2026, 3, 2, 10, 0)


@freeze_time(vn(2026, 3, 3, 9, 0))
def test_transfer_and_return_through_the_page(as_user, people, tree, in_progress):
    client = as_user(people.specialist_x)
    page = open_page(client, in_progress).content.decode()
    assert "Sở Tư pháp" in page  # the agency picker offers the province's agencies
    response = post_action(
        client,
        in_progress,
        A.TRANSFER,
        to_agency=tree.department.pk,
        task="Xác minh hộ tịch",
        quota_hours="8",
    )
    assert response.status_code == 302
    partner = as_user(people.specialist_department)
    assert offered_actions(open_page(partner, in_progress)) >= {A.RETURN_TRANSFER}
    assert (
        post_action(partner, in_progress, A.RETURN_TRANSFER, reply="Đã xác minh").status_code == 302
    )
    in_progress.refresh_from_db()
    assert in_progress.holder == tree.commune_x
    assert "Đã xác minh" in open_page(as_user(people.specialist_x), in_progress).content.decode()


@freeze_time(vn(2026, 3, 3, 9, 0))
def test_financial_obligation_paid_in_cash_at_the_desk(as_user, people, in_progress):
    specialist = as_user(people.specialist_x)
    response = post_action(
        specialist, in_progress, A.REQUEST_PAYMENT, line_name="Phí thẩm định", line_amount="30000"
    )
    assert response.status_code == 302
    desk = as_user(people.desk_x)
    page = open_page(desk, in_progress)
    assert A.CONFIRM_PAYMENT in offered_actions(page)
    assert "Tạm dừng" in page.content.decode()
    assert post_action(desk, in_progress, A.CONFIRM_PAYMENT, reference="BL-0042").status_code == 302
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS
    assert set(in_progress.fees.values_list("payment_reference", flat=True)) == {"BL-0042"}


def test_postal_return_asks_for_the_tracking_code(as_user, people, cast, walk_in):
    with freeze_time(vn(2026, 3, 2, 9, 0)):
        dossier = walk_in(delivery="post", delivery_address="12 Lê Lợi, Xã Thử X")
    dossier = through_to_result(dossier, cast)
    client = as_user(people.desk_x)
    with freeze_time(vn(2026, 3, 3, 14, 0)):
        html = open_page(client, dossier).content.decode()
        assert "Mã bưu gửi" in html and "Họ tên người nhận" not in html
        refused = post_action(client, dossier, A.RETURN_RESULT)
        assert "Hãy ghi mã bưu gửi" in refused.content.decode()
        done = post_action(
            client, dossier, A.RETURN_RESULT, tracking_code="EMS123VN", postal_fee="25000"
        )
        assert done.status_code == 302
    event = dossier.events.get(action=A.RETURN_RESULT)
    assert event.data["tracking_code"] == "EMS123VN" and event.data["postal_fee"] == "25000"
