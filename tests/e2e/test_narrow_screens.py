"""Every page of the back office at 360 px, as the portal already is: nothing wider than the
window, so nobody scrolls the page sideways (wide tables become one labelled card per row; the
periodic report's form scrolls inside its own frame). On paper, the dossier pages and the reports
keep what was decided and by whom, and leave out what only a screen can use.

Signed in as the demo officers of Phường Xuân Hương - Đà Lạt (desk, leader, statistics), the
province's statistics officer and the demo citizen Nguyễn Văn An, over the demo with a simulated
workload, so queues, histories and reports have rows."""

import io
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db.models import Count
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier

from .backoffice import sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CITIZEN_ID = "068080001234"  # Nguyễn Văn An (README.md, "Demo logins")
# The elements that stick out of the window, to say what to fix when a page does not fit.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(-5).map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.')
    + ' ' + Math.round(el.getBoundingClientRect().right) + 'px')"""


@pytest.fixture
def workload(demo):
    """The demo with 20 simulated dossiers and the worked example (`manage.py demo --dossiers`):
    the example filed online by the demo citizen, and the ward's returned dossier with the
    longest history."""
    call_command("demo", "--quiet", "--dossiers", "20", stdout=io.StringIO())
    ward = Dossier.objects.filter(receiving_unit=demo.ward)
    example = ward.get(applicant_id_number=CITIZEN_ID)
    returned = (
        ward.filter(status=Status.RETURNED).annotate(n=Count("events")).order_by("-n").first()
    )
    assert returned is not None, "the simulated workload returned no dossier at the ward"
    demo.example, demo.returned = example, returned
    demo.statistics = User.objects.get(username="xuanhuong.thongke")
    demo.province_statistics = User.objects.get(username="tinh.giamsat")
    return demo


def assert_fits(page, path: str):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Open every panel (actions, file viewers): an opened form must fit too.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    width, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= window, (
        f"{path} scrolls sideways at {window} px ({width} px wide): {page.evaluate(WIDEST)}"
    )


def test_back_office_and_portal_pages_fit_360_px(page, workload):
    demo = workload
    example, returned = demo.example.code, demo.returned.code
    intake = f"/backoffice/intake/{demo.example.procedure_version_id}/"
    officer_pages = {
        demo.desk: [
            "/backoffice/",
            "/backoffice/queue/",
            "/backoffice/queue/?scope=unit&due=overdue",
            "/backoffice/intake/",
            intake,
            # The applicant look-up by name lists the people found in a table.
            f"{intake}?lookup={quote('Nguyễn')}",
            f"/backoffice/dossiers/{example}/",
            f"/backoffice/dossiers/{returned}/",
        ],
        demo.leader: ["/backoffice/", "/backoffice/queue/", f"/backoffice/dossiers/{returned}/"],
        demo.statistics: [
            "/backoffice/",
            "/reports/",
            "/reports/tinh-hinh-giai-quyet/",
            "/reports/danh-gia/",
            "/reports/chi-so/2.1/",
        ],
        demo.province_statistics: ["/reports/", "/reports/tinh-hinh-giai-quyet/"],
    }
    for officer, paths in officer_pages.items():
        sign_in(page, officer.username, demo.password)
        for path in paths:
            assert_fits(page, path)
        sign_out(page)

    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(CITIZEN_ID)
    page.get_by_label("Mật khẩu").fill(demo.password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    for path in ("/my/dossiers/", f"/my/dossiers/{example}/"):
        assert_fits(page, path)


# The printable width of an A4 page with the stylesheet's 12 mm side margins, in CSS pixels.
PORTRAIT, LANDSCAPE = round(186 / 25.4 * 96), round(273 / 25.4 * 96)


def assert_printable(page, paper: int = PORTRAIT):
    """Under print media: no navigation, button, form or skip link shown; black text on white;
    nothing wider than the paper (a table too wide would be cut at the page's edge)."""
    page.emulate_media(media="print")
    page.set_viewport_size({"width": paper, "height": 1000})
    width = page.evaluate(
        "Math.max(document.documentElement.scrollWidth,"
        " ...[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right))"
    )
    assert width <= paper, f"{page.url}: {width} px wide on a {paper} px wide page"
    for hidden in ("nav", "button", "form", ".skip-link", "footer"):
        shown = [el for el in page.locator(hidden).all() if el.is_visible()]
        assert not shown, f"{page.url}: {len(shown)} {hidden} shown on paper"
    colours = page.evaluate(
        "[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"], colours
    # The table headers repeat on each page.
    for display in page.locator("table thead").evaluate_all(
        "heads => heads.map(h => getComputedStyle(h).display)"
    ):
        assert display == "table-header-group"
    assert page.pdf(format="A4").startswith(b"%PDF-")


def test_printed_dossier_pages_and_reports_keep_the_record_and_drop_the_controls(page, workload):
    demo = workload
    code = demo.returned.code
    sign_in(page, demo.desk.username, demo.password)
    page.goto(f"/backoffice/dossiers/{code}/")
    assert_printable(page)
    # What the paper is for: the code, status, applicant, answers, steps and history.
    expect(page.locator("h1 .code")).to_have_text(code)
    for section in ("#dossier-status", "#h-applicant", "#h-steps", "#h-history"):
        expect(page.locator(section)).to_be_visible()
    expect(page.locator("#h-history + table tbody tr").first).to_be_visible()
    # On paper the history is a table again, not the phone's stacked cards.
    assert page.locator("#h-history + table").evaluate("t => getComputedStyle(t).display") == (
        "table"
    )
    page.emulate_media(media="screen")
    sign_out(page)

    sign_in(page, demo.statistics.username, demo.password)
    for path, paper in (("/reports/", PORTRAIT), ("/reports/tinh-hinh-giai-quyet/", LANDSCAPE)):
        page.goto(path)
        assert_printable(page, paper)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.emulate_media(media="screen")
    sign_out(page)

    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(CITIZEN_ID)
    page.get_by_label("Mật khẩu").fill(demo.password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.goto(f"/my/dossiers/{demo.example.code}/")
    assert_printable(page)
    expect(page.locator("dd.code")).to_have_text(demo.example.code)
