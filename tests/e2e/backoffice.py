"""Steps of the back-office journeys: signing in and out, running a dossier action from its
panel, and fetching the PDFs a page links to with the officer's own session."""

from concurrent.futures import ThreadPoolExecutor

from playwright.sync_api import expect


def sign_in(page, username: str, password: str):
    page.goto("/backoffice/login/")
    page.locator("input[name=username]").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")


def sign_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def act(page, label: str, fill=None, *, refused: bool = False):
    """Open the action's panel, fill it and confirm. Unless the caller expects a refusal, the
    page must confirm it was done; otherwise the refusal's messages make the failure."""
    page.locator("summary", has_text=label).click()
    form = page.locator("details[open] form")
    if fill:
        fill(form)
    form.get_by_role("button", name=f"Xác nhận: {label}").click()
    if refused:
        return
    done = page.get_by_text(f"Đã thực hiện: {label}.")
    problems = page.locator("[role=alert], details[open] p.error")
    expect(done.or_(problems.first)).to_be_visible()
    if not done.is_visible():
        raise AssertionError(f"“{label}” was refused: {' | '.join(problems.all_inner_texts())}")


def open_from_queue(page, code: str):
    """Find the dossier in the unit's queue by its code and open it."""
    page.goto("/backoffice/queue/")
    page.get_by_label("Tìm theo mã hồ sơ, tên, số định danh hoặc số điện thoại").fill(code)
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name=code, exact=True).click()
    expect(page.locator("h1 .code")).to_have_text(code)


def fetch_pdf(page, link) -> bytes:
    """GET the link's target with the browser's session (what a click would open in the
    PDF viewer) and check that it is a PDF."""
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    response = page.request.get(href)
    assert response.ok, f"GET {href}: HTTP {response.status}"
    content_type = response.headers.get("content-type", "")
    assert content_type == "application/pdf", f"GET {href}: {content_type!r}, not a PDF"
    body = response.body()
    assert body.startswith(b"%PDF-"), f"GET {href}: does not start as a PDF: {body[:20]!r}"
    return body


def issue_pdf(page, button) -> bytes:
    """Issue a form with its button (a POST with the page's CSRF token, as a click sends it)
    and return the PDF the redirect opens: a GET never issues (#17 item 6)."""
    expect(button).to_be_visible()
    form = button.locator("xpath=ancestor::form[1]")
    action = form.get_attribute("action")
    token = form.locator("input[name=csrfmiddlewaretoken]").get_attribute("value")
    response = page.request.post(
        action, form={"csrfmiddlewaretoken": token}, headers={"Referer": page.url}
    )
    assert response.ok, f"POST {action}: HTTP {response.status}"
    assert response.headers.get("content-type", "") == "application/pdf", f"POST {action}"
    body = response.body()
    assert body.startswith(b"%PDF-"), f"POST {action}: does not start as a PDF: {body[:20]!r}"
    return body


def off_loop(function, *args, **kwargs):
    """Run ``function`` in a worker thread: pyHanko's validator runs its own event loop, and
    Playwright's sync API already runs one in the test's thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
