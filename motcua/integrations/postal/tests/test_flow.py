"""An order's life at motcua: placed after commit, accepted with the operator's code and fee,
moved on by pushes and pulls that may come twice, late or never, and "delivered" returning the
dossier's result through the dossiers' own service. The operator failing loses nothing."""

import datetime

import pytest
from django_tasks_db.models import DBTaskResult

from motcua.audit.models import AuditEntry
from motcua.dossiers.constants import Action, Delivery, Status
from motcua.dossiers.errors import NotPermitted
from motcua.integrations.models import (
    DemoPostSwitch,
    DemoShipment,
    PostalEvent,
    PostalOrder,
    PostalStatus,
)
from motcua.integrations.postal import services
from motcua.integrations.postal.contrib.demo.plugin import DemoOperator

from .conftest import postman, push, vn


def test_an_order_is_written_then_sent_after_commit(ready, order_for, people, clock):
    order = order_for(ready)
    assert order.status == PostalStatus.PENDING and order.tracking_code == ""
    assert order.phone == "0912345678" and order.created_by == people.desk_x
    queued = DBTaskResult.objects.filter(task_path__endswith="send_order")
    assert [r.args_kwargs["args"] for r in queued] == [[order.pk]]
    assert AuditEntry.objects.filter(verb="postal_request", object_id=str(order.pk)).exists()
    assert not DemoShipment.objects.exists()  # nothing left the building yet

    assert services.send_order(order.pk) == "accepted"
    order.refresh_from_db()
    shipment = DemoShipment.objects.get()
    assert order.status == PostalStatus.ACCEPTED
    assert order.tracking_code == shipment.tracking_code
    assert order.fee == 22000  # an urban address ("phường")
    assert shipment.callback_url.endswith("/integrations/postal/callback/demo/")
    assert services.send_order(order.pk) == "already"
    assert DemoShipment.objects.count() == 1


def test_delivered_returns_the_result_on_the_delivery_date(sent, people, clock):
    push(postman(sent, "in_transit", at=vn(2026, 3, 4, 9, 30)))
    delivered_at = vn(2026, 3, 5, 10, 15)
    push(postman(sent, "delivered", at=delivered_at, place="Số 12 Lê Lợi"))
    sent.refresh_from_db()
    dossier = sent.dossier
    dossier.refresh_from_db()
    assert sent.status == PostalStatus.DELIVERED and sent.finished_at == delivered_at
    assert dossier.status == Status.RETURNED
    assert dossier.returned_at == delivered_at
    event = dossier.events.get(action=Action.RETURN_RESULT)
    assert event.at == delivered_at and event.actor == people.desk_x
    assert event.data["tracking_code"] == sent.tracking_code
    assert event.data["postal_fee"] == "22000"
    assert [e.status for e in sent.events.all()] == ["in_transit", "delivered"]


def test_the_same_push_twice_is_applied_once(sent, clock):
    event = postman(sent, "in_transit")
    push(event)
    event.pushed_at = None  # the operator did not hear our 200 and pushes again
    event.save()
    push(event)
    delivered = postman(sent, "delivered")
    push(delivered)
    delivered.pushed_at = None
    delivered.save()
    push(delivered)
    assert PostalEvent.objects.filter(order=sent).count() == 2
    dossier = sent.dossier
    assert dossier.events.filter(action=Action.RETURN_RESULT).count() == 1


def test_out_of_order_pushes_never_move_the_status_back(sent, clock):
    in_transit = postman(sent, "in_transit", at=vn(2026, 3, 4, 9, 30))
    delivered = postman(sent, "delivered", at=vn(2026, 3, 5, 8, 0))
    push(delivered)
    push(in_transit)  # arrives late
    sent.refresh_from_db()
    assert sent.status == PostalStatus.DELIVERED
    assert [e.status for e in sent.events.all()] == ["in_transit", "delivered"]  # by time
    assert sent.dossier.events.filter(action=Action.RETURN_RESULT).count() == 1


def test_the_pull_catches_what_the_push_lost(sent, clock):
    DemoPostSwitch.objects.create(failure="", push_enabled=False)
    assert push(postman(sent, "in_transit")) == "off"
    assert push(postman(sent, "delivered", at=vn(2026, 3, 4, 16, 0))) == "off"
    sent.refresh_from_db()
    assert sent.status == PostalStatus.ACCEPTED
    counts = services.poll()
    assert counts["polled"] == 1 and counts["new_events"] == 3  # accepted, in transit, delivered
    sent.refresh_from_db()
    assert sent.status == PostalStatus.DELIVERED
    assert set(sent.events.values_list("source", flat=True)) == {"pull"}
    dossier = sent.dossier
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED and dossier.returned_at == vn(2026, 3, 4, 16, 0)
    assert services.poll()["polled"] == 0  # final orders are not asked about again


def test_failed_is_shown_with_its_reason_and_the_result_waits(sent, order_for, clock):
    push(postman(sent, "in_transit"))
    push(postman(sent, "failed", note="Người nhận đi vắng, đã gọi 3 lần"))
    sent.refresh_from_db()
    assert sent.status == PostalStatus.FAILED
    assert sent.failure_reason == "Người nhận đi vắng, đã gọi 3 lần"
    dossier = sent.dossier
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_READY
    again = order_for(dossier, address="Thôn 3, xã Thử X, tỉnh Thử Nghiệm")
    assert again.pk != sent.pk and again.status == PostalStatus.PENDING


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("500", "lỗi máy chủ (HTTP 500)"),
        ("timeout", "không trả lời"),
        ("malformed", "sai định dạng"),
    ],
)
def test_an_operator_failure_loses_nothing_and_is_retried(
    ready, order_for, monkeypatch, clock, mode, message
):
    order = order_for(ready)
    monkeypatch.setenv("DEMO_POST_FAIL", mode)
    assert services.send_order(order.pk) == "error"
    order.refresh_from_db()
    assert order.status == PostalStatus.PENDING and message in order.last_error
    assert order.attempts == 1
    retry = DBTaskResult.objects.filter(task_path__endswith="send_order").exclude(
        run_after__year=9999
    )
    assert [r.run_after for r in retry] == [vn(2026, 3, 4, 9, 1)]
    monkeypatch.delenv("DEMO_POST_FAIL")
    assert services.poll()["sent"] == 1
    order.refresh_from_db()
    assert order.status == PostalStatus.ACCEPTED and order.last_error == ""
    assert DemoShipment.objects.count() == 1


def test_the_admin_switch_fails_the_operator_too(sent, clock):
    DemoPostSwitch.objects.create(failure="500")
    counts = services.poll()
    assert counts["poll_failed"] == 1
    sent.refresh_from_db()
    assert "HTTP 500" in sent.last_error and sent.status == PostalStatus.ACCEPTED


def test_a_lost_answer_does_not_make_a_second_shipment(ready, order_for, clock):
    order = order_for(ready)
    first = DemoOperator().create_order(
        services.OrderRequest(
            reference=order.reference,
            direction=order.direction,
            recipient_name=order.recipient_name,
            phone=order.phone,
            address=order.address,
            item=order.item,
        )
    )  # the operator accepted, but we never heard
    assert services.send_order(order.pk) == "accepted"
    order.refresh_from_db()
    assert order.tracking_code == first.tracking_code
    assert DemoShipment.objects.count() == 1


def test_a_refused_order_is_failed_with_the_operators_reason(ready, order_for, clock):
    order = order_for(ready)
    PostalOrder.objects.filter(pk=order.pk).update(phone="12")  # what the operator will refuse
    assert services.send_order(order.pk) == "refused"
    order.refresh_from_db()
    assert order.status == PostalStatus.FAILED
    assert order.failure_reason.startswith("Bưu điện không nhận yêu cầu")


def test_bad_input_is_refused_in_vietnamese(ready, order_for):
    with pytest.raises(services.PostalRefused) as refused:
        order_for(ready, phone="12345", address="ngắn", recipient_name=" ", cod_amount=-5)
    assert refused.value.messages == [
        "Hãy ghi họ tên người nhận.",
        "Số điện thoại người nhận phải gồm 10 hoặc 11 chữ số, bắt đầu bằng 0.",
        "Hãy ghi địa chỉ nhận đủ số nhà, đường/thôn, xã/phường, tỉnh/thành phố.",
        "Tiền thu hộ phải là số đồng, không âm.",
    ]
    assert not PostalOrder.objects.exists()


def test_only_a_ready_postal_dossier_once(ready, order_for, walk_in):
    order_for(ready)
    with pytest.raises(services.PostalRefused, match="đang thực hiện"):
        order_for(ready)
    at_desk = walk_in(at=vn(2026, 3, 2, 10, 0))
    with pytest.raises(services.PostalRefused):
        order_for(at_desk)  # not ready, and the applicant takes it at the desk
    by_post = walk_in(at=vn(2026, 3, 2, 10, 5), delivery=Delivery.POST, delivery_address="x" * 12)
    with pytest.raises(services.PostalRefused, match="Chỉ gửi bưu chính khi kết quả đã có"):
        order_for(by_post)


def test_other_desks_and_other_roles_cannot_order(ready, people, cast):
    for stranger in (people.desk_y, people.leader_x, people.citizen_a):
        with pytest.raises(NotPermitted):
            services.request_delivery(
                ready,
                actor=stranger,
                recipient_name="Nguyễn Văn An",
                phone="0912345678",
                address="Số 12 đường Lê Lợi, phường Thử X",
            )
    assert not PostalOrder.objects.exists()


def test_returned_by_hand_meanwhile_is_left_alone(sent, people, clock):
    from motcua.dossiers import services as dossier_services

    dossier_services.return_result(
        sent.dossier, actor=people.desk_x, tracking_code=sent.tracking_code
    )
    clock.shift(datetime.timedelta(hours=1))
    push(postman(sent, "in_transit"))
    push(postman(sent, "delivered"))
    sent.refresh_from_db()
    assert sent.status == PostalStatus.DELIVERED and sent.return_error == ""
    assert sent.dossier.events.filter(action=Action.RETURN_RESULT).count() == 1


def test_a_delivery_that_cannot_be_recorded_is_kept_for_the_desk(sent, people, clock):
    from motcua.agencies.models import Membership

    Membership.objects.filter(user=people.desk_x).delete()  # the officer left the desk
    push(postman(sent, "in_transit"))
    push(postman(sent, "delivered"))
    sent.refresh_from_db()
    assert sent.status == PostalStatus.DELIVERED
    assert sent.return_error
    sent.dossier.refresh_from_db()
    assert sent.dossier.status == Status.RESULT_READY
