"""Browser journeys in a real Chromium (Debian's package), driven by Playwright.

Playwright never downloads a browser here: it launches the executable at $CHROMIUM
(default /usr/bin/chromium). `make e2e` runs these; `make test` does not collect them.
"""

import io
import os
from types import SimpleNamespace

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# synchronous and safe, so tell Django not to refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags for a closed network and a root user: no sandbox, no background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _officers_password_only(settings):
    """The journeys are about dossiers: officers sign in with their password, as where the second
    factor is switched off. test_second_factor_journey.py turns it back on and goes through it."""
    settings.OFFICER_2FA_REQUIRED = False
    settings.OFFICER_2FA_ROLES = []


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium, or set CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _context(browser, **options):
    # A phone-sized window: the portal must work at 360 px.
    defaults = {"viewport": {"width": 360, "height": 740}, "locale": "vi-VN"}
    context = browser.new_context(**(defaults | options))
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser, live_server):
    context = _context(browser, base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, live_server):
    context = _context(browser, base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def signing_dir(tmp_path_factory):
    """The demo certificate authority and signing keys, made once per run (the slow part)."""
    return tmp_path_factory.mktemp("var")


@pytest.fixture
def demo(transactional_db, settings, live_server, tmp_path, signing_dir):
    """The demo as `make run` loads it (`manage.py demo`, without simulated dossiers), served by
    the live server, which is also the site the QR codes point to; its officers and units."""
    from django.core.management import call_command

    from motcua.accounts.models import User
    from motcua.agencies.models import Agency
    from motcua.demo.province import DEMO_PASSWORD

    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = signing_dir
    call_command("demo", "--quiet", stdout=io.StringIO())
    staff = {
        role: User.objects.get(username=f"xuanhuong.{role}")
        for role in ("motcua", "chuyenvien", "truongphong", "lanhdao", "vanthu")
    }
    return SimpleNamespace(
        password=DEMO_PASSWORD,
        ward=Agency.objects.get(code="000.00.31.H36"),  # Phường Xuân Hương - Đà Lạt
        desk=staff["motcua"],
        specialist=staff["chuyenvien"],
        unit_leader=staff["truongphong"],
        leader=staff["lanhdao"],
        registry=staff["vanthu"],
    )
