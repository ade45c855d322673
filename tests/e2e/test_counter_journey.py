"""At the Xuân Hương centre of the demo, without JavaScript: a citizen takes a number at the
kiosk, the desk officer sits at counter 1 and calls it, the board shows it at counter 1, the
officer finishes, and the citizen rates the service on the counter's tablet in two taps."""

import pytest
from playwright.sync_api import expect

from motcua.counter.models import Counter, TicketRating
from motcua.demo.counters import demo_token

from .backoffice import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_ticket_taken_called_shown_and_rated(browser, live_server, demo):
    counter = Counter.objects.get(centre=demo.ward, number=1)

    def new_page(width=1280, height=900):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale="vi-VN",
            java_script_enabled=False,
        )
        context.set_default_timeout(10_000)
        return context.new_page()

    kiosk = new_page()
    kiosk.goto(f"/counter/centres/{demo.ward.pk}/kiosk/")
    kiosk.get_by_role("button", name="Hộ tịch").click()
    expect(kiosk.locator(".ticket-number")).to_have_text("001")
    expect(kiosk.locator(".ticket")).to_contain_text("Hộ tịch")

    desk = new_page()
    sign_in(desk, demo.desk.username, demo.password)
    desk.goto("/counter/desk/")
    desk.get_by_role("row", name="Quầy 1").get_by_role("button", name="Ngồi quầy này").click()
    desk.get_by_role("button", name="Gọi số tiếp theo").click()
    expect(desk.locator(".desk-serving")).to_contain_text("001")

    board = new_page(1920, 1080)
    board.goto(f"/counter/centres/{demo.ward.pk}/board/")
    latest = board.locator(".board-latest")
    expect(latest.locator(".board-number")).to_have_text("001")
    expect(latest.locator(".board-counter")).to_have_text("1")

    tablet = new_page(1280, 800)
    tablet.goto(f"/counter/tablet/{counter.pk}/{demo_token(1)}/")
    expect(tablet.get_by_role("heading", level=1)).to_have_text("Xin kính chào")

    desk.get_by_role("button", name="Xong").click()
    expect(desk.get_by_role("button", name="Gọi số tiếp theo")).to_be_visible()

    tablet.reload()  # what its refresh does every few seconds
    expect(tablet.get_by_text("Số 001 – Hộ tịch")).to_be_visible()
    tablet.get_by_role("button", name="Rất hài lòng").click()
    tablet.get_by_role("button", name="Hướng dẫn tận tình").click()
    expect(tablet.get_by_role("heading", level=1)).to_have_text("Cảm ơn bạn đã đánh giá!")

    rating = TicketRating.objects.get()
    assert (rating.ticket.number, rating.counter, rating.level, rating.reason) == (
        1,
        counter,
        "very_satisfied",
        "helpful",
    )
    # The board no longer calls it; the tablet waits for the next one.
    board.reload()
    expect(board.locator(".board-called")).to_contain_text("Chưa gọi số nào")
    tablet.goto(f"/counter/tablet/{counter.pk}/{demo_token(1)}/")
    expect(tablet.get_by_role("heading", level=1)).to_have_text("Xin kính chào")
