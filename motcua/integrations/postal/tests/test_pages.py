"""The postal order on the pages: the desk officer orders and follows it on the dossier page,
the applicant follows it on their dossier page and the public tracking page — and nobody else
sees or orders anything."""

import pytest
from django.core.cache import cache
from django.template import Context
from django.urls import reverse

from motcua.integrations.models import PostalOrder

from .conftest import ADDRESS, postman, push


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the public look-up counts attempts in the cache
    yield
    cache.clear()


def _officer_page(dossier):
    return reverse("backoffice:dossier", args=[dossier.code])


def _order_url(dossier):
    return reverse("integrations:postal_request", args=[dossier.code])


_PUBLIC = "integrations/postal/public.html"
FORM = {
    "recipient_name": "Nguyễn Văn An",
    "phone": "0912345678",
    "address": ADDRESS,
    "item": "",
    "cod_amount": "",
}


def test_the_desk_officer_orders_from_the_dossier_page(as_user, people, ready, clock):
    client = as_user(people.desk_x)
    html = client.get(_officer_page(ready)).content.decode()
    assert "Gửi kết quả qua bưu điện" in html and ADDRESS in html  # prefilled
    answer = client.post(_order_url(ready), FORM, follow=True)
    assert answer.redirect_chain[-1][0] == _officer_page(ready)
    html = answer.content.decode()
    assert "Đã lập yêu cầu phát kết quả qua bưu chính" in html
    assert "Chờ gửi sang bưu điện" in html and "Lập yêu cầu bưu chính" not in html
    order = PostalOrder.objects.get()
    assert order.dossier == ready and order.created_by == people.desk_x


def test_bad_input_on_the_page_is_explained(as_user, people, ready):
    client = as_user(people.desk_x)
    answer = client.post(_order_url(ready), FORM | {"phone": "abc"}, follow=True)
    assert "Số điện thoại người nhận phải gồm 10 hoặc 11 chữ số" in answer.content.decode()
    answer = client.post(_order_url(ready), FORM | {"cod_amount": "nhiều"}, follow=True)
    assert "Tiền thu hộ phải là số đồng." in answer.content.decode()
    assert not PostalOrder.objects.exists()


def test_the_officer_sees_tracking_failure_and_retry(as_user, people, sent, order_for, clock):
    push(postman(sent, "in_transit"))
    push(postman(sent, "failed", note="Sai địa chỉ"))
    client = as_user(people.desk_x)
    html = client.get(_officer_page(sent.dossier)).content.decode()
    assert sent.tracking_code in html and "Phát không thành công: Sai địa chỉ" in html
    assert "22.000 đồng" in html
    assert "Lập yêu cầu bưu chính" in html  # a new order may follow a failed one


def test_a_pending_order_offers_a_retry(as_user, people, ready, order_for, monkeypatch, clock):
    from motcua.integrations.postal import services

    order = order_for(ready)
    monkeypatch.setenv("DEMO_POST_FAIL", "500")
    services.send_order(order.pk)
    client = as_user(people.desk_x)
    html = client.get(_officer_page(ready)).content.decode()
    assert "Chưa gửi được sang bưu điện (1 lần)" in html and "HTTP 500" in html
    retry = reverse("integrations:postal_retry", args=[ready.code, order.pk])
    assert "Đã gửi lại" in client.post(retry, follow=True).content.decode()


@pytest.mark.parametrize("who", ["desk_y", "leader_x", "applicant", "other_citizen"])
def test_others_cannot_order(client, as_user, cast, ready, who):
    as_user(cast[who])
    answer = client.post(_order_url(ready), FORM, follow=True)
    assert answer.status_code in (200, 404)
    if answer.status_code == 200:  # an officer who sees the dossier but may not order
        assert "Bạn không có vai trò phù hợp" in answer.content.decode()
    assert not PostalOrder.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, ready):
    answer = client.post(_order_url(ready), FORM)
    assert answer.status_code == 302 and "/backoffice/login/" in answer["Location"]
    assert not PostalOrder.objects.exists()


def test_the_officer_of_another_commune_sees_no_postal_order(as_user, people, sent):
    client = as_user(people.desk_y)
    assert client.get(_officer_page(sent.dossier)).status_code == 404
    retry = reverse("integrations:postal_retry", args=[sent.dossier.code, sent.pk])
    assert client.post(retry).status_code == 404


def test_the_applicant_follows_the_journey(as_user, people, sent, clock):
    push(postman(sent, "in_transit", place="Trung tâm khai thác Thử Nghiệm"))
    client = as_user(people.citizen_a)
    html = client.get(reverse("portal:dossier", args=[sent.dossier.code])).content.decode()
    assert sent.tracking_code in html and "Đang vận chuyển" in html
    assert "Trung tâm khai thác Thử Nghiệm" in html


def test_another_citizen_sees_nothing(as_user, people, sent):
    client = as_user(people.citizen_b)
    answer = client.get(reverse("portal:dossier", args=[sent.dossier.code]))
    assert answer.status_code == 404 and sent.tracking_code not in answer.content.decode()


def test_the_public_tracking_page_shows_the_tracking_code(client, sent, clock):
    push(postman(sent, "in_transit"))
    url = reverse("portal:track")
    html = client.get(url, {"code": sent.dossier.code, "last4": "5678"}).content.decode()
    assert sent.tracking_code in html and "Đang vận chuyển" in html
    assert ADDRESS not in html  # nothing personal in the anonymous tier
    wrong = client.get(url, {"code": sent.dossier.code, "last4": "0000"}).content.decode()
    assert sent.tracking_code not in wrong


@pytest.mark.parametrize("autoescape", [True, False])
def test_the_public_line_is_the_template_drawn_as_an_inclusion_tag(sent, clock, autoescape):
    # {% postal_public %} remembers what the template draws when there is no order to show (an
    # end of line), and draws the template in a new context otherwise: what the inclusion tag
    # it was drew.
    from django.template import engines
    from django.template.loader import render_to_string

    push(postman(sent, "in_transit"))
    sent.refresh_from_db()
    engine = engines["django"].engine
    tag = engine.from_string("{% load postal %}[{% postal_public dossier %}]")
    with_order = tag.render(Context({"dossier": sent.dossier}, autoescape=autoescape))
    last = list(sent.events.all())[-1]
    drawn = render_to_string(_PUBLIC, {"order": sent, "last": last})
    assert with_order == f"[{drawn}]" and sent.tracking_code in drawn
    sent.tracking_code = ""
    sent.save(update_fields=["tracking_code"])
    for _ in range(2):
        without = tag.render(Context({"dossier": sent.dossier}, autoescape=autoescape))
        assert without == "[\n]" == "[" + render_to_string(_PUBLIC, {"order": None}) + "]"


def test_the_postal_panel_costs_few_queries(as_user, people, sent, django_assert_max_num_queries):
    client = as_user(people.desk_x)
    push(postman(sent, "in_transit"))
    client.get(_officer_page(sent.dossier))
    with django_assert_max_num_queries(60) as counted:
        client.get(_officer_page(sent.dossier))
    postal = [q for q in counted.captured_queries if "integrations_postal" in q["sql"]]
    assert len(postal) <= 3
