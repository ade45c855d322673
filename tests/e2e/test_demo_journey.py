"""The back office on the demo data (`manage.py demo`, as `make run` loads it), signed in as the
demo officers of Phường Xuân Hương - Đà Lạt, with every PDF the journey produces opened, read
back in Vietnamese, its QR code scanned and followed, and its signatures validated (pyHanko and
poppler's pdfsig).

- a walk-in dossier from the desk (with a scan) to the returned, signed result;
- the issued result carries the leader's own signature, then the agency's seal;
- a late dossier: overdue ones are flagged in the queue; the apology and re-appointment with
  its letter (Form 04)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from motcua.accounts.models import CitizenProfile
from motcua.backoffice.officers import desk_units
from motcua.catalog import selectors as catalog
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.notices.builders import spoken_time
from motcua.notices.tests.helpers import flat, pdf_text, qr_codes
from motcua.signatures.tests.helpers import pdfsig, simple_pdf
from motcua.signatures.verification import Verdict, verify_pdf

from .backoffice import act, fetch_pdf, issue_pdf, off_loop, open_from_queue, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Cấp Giấy xác nhận tình trạng hôn nhân: 3 working days; desk → civil-status officer → leader →
# registry (vào sổ, đóng dấu) → desk. No step of this process is the unit leader's
# (xuanhuong.truongphong): no commune procedure of the demo has one.
PROCEDURE = "1.004873"
PROCEDURE_NAME = "Cấp Giấy xác nhận tình trạng hôn nhân"
FORM = "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu"
ID_PAPER = "Giấy tờ tùy thân của người yêu cầu"  # mandatory, shown in the original at the desk
# The demo citizen Nguyễn Văn An (README.md, "Demo logins").
CITIZEN_ID, CITIZEN_NAME = "068080001234", "Nguyễn Văn An"
RECEIPT_TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"


def _version():
    version = catalog.published_version_on(PROCEDURE)
    assert version is not None, f"the demo catalogue offers no procedure {PROCEDURE} today"
    return version


def _signers(pdf: bytes, what: str) -> list[str]:
    """Every signature of ``pdf`` valid by pyHanko (intact, trusted by the demo root, nothing
    but signatures after it) and by pdfsig, at least one; their signers in order."""
    report = off_loop(verify_pdf, pdf)
    details = [(s.field_name, s.signer, s.verdict) for s in report.signatures]
    assert report.signatures, f"{what}: not signed ({report.verdict})"
    assert report.verdict == Verdict.VALID, f"{what}: {report.verdict}, signatures {details}"
    assert all(s.verdict == Verdict.VALID and s.trusted for s in report.signatures), details
    poppler = pdfsig(pdf)
    assert poppler.count("Signature Validation: Signature is Valid.") == len(report.signatures), (
        f"{what}: pdfsig says\n{poppler}"
    )
    return [s.signer for s in report.signatures]


def _scan_and_follow(page, pdf: bytes, base_url: str, code: str, title: str):
    """The PDF's QR code opens the verification page of this very document on the live site,
    and that page recognises the PDF as the one issued."""
    codes = qr_codes(pdf)
    assert len(codes) == 1, f"QR codes on page 1: {codes}"
    (url,) = codes
    assert url.startswith(f"{base_url}/signatures/verify/"), url
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Xác thực văn bản do hệ thống phát hành"
    )
    expect(page.locator(".stored-verdict")).to_have_attribute("data-stored-verdict", "valid")
    expect(page.locator(".qr-match")).to_have_attribute("data-qr-match", "yes")
    expect(page.locator("dd.code")).to_have_text(code)
    expect(page.locator(".issued-title")).to_have_text(title)
    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(
        [{"name": "ban-in.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    page.get_by_role("button", name="Đối chiếu").click()
    expect(page.locator(".verdict")).to_have_attribute("data-match", "identical")


def _receive_at_the_desk(page, demo, scan: bytes) -> str:
    """The desk officer takes a walk-in dossier in for the demo citizen, with the scanned
    form, and returns its code."""
    version = _version()
    form = version.components.get(name=FORM)
    id_paper = version.components.get(name__startswith=ID_PAPER)
    sign_in(page, demo.desk.username, demo.password)
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.get_by_label("Tìm thủ tục (tên hoặc mã)").fill("tinh trang hon nhan")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name=PROCEDURE_NAME, exact=True).click()
    # The applicant, found by personal ID number.
    # (The label's wording is a substring: it grows as the look-up learns new keys.)
    page.get_by_label("Tra cứu người nộp theo số định danh cá nhân").fill(CITIZEN_ID)
    page.get_by_role("button", name="Tra cứu", exact=True).click()
    expect(page.get_by_label("Họ tên chủ hồ sơ, tên tổ chức")).to_have_value(CITIZEN_NAME)
    page.locator(f"input[name=c{form.pk}_originals]").fill("1")
    page.locator(f"input[name=c{form.pk}_files]").set_input_files(
        [{"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": scan}]
    )
    page.locator(f"input[name=c{form.pk}_digitized]").check()
    page.locator(f"input[name=c{id_paper.pk}_originals]").fill("1")
    expect(page.locator(".appointment .appointment-time")).to_contain_text("/")
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(page.locator("#dossier-status")).to_have_text("Đã tiếp nhận")
    return page.locator("h1 .code").inner_text()


def test_walk_in_dossier_on_the_demo_from_desk_to_signed_result(page, demo, live_server):
    scan = simple_pdf("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân – bản quét")
    code = _receive_at_the_desk(page, demo, scan)
    dossier = Dossier.objects.get(code=code)
    assert dossier.receiving_unit == demo.ward and dossier.applicant_name == CITIZEN_NAME

    # The scan is kept byte for byte and served back from the dossier page.
    served = page.request.get(
        page.get_by_role("link", name="to-khai.pdf").first.get_attribute("href")
    )
    assert served.ok and served.body() == scan, f"the scan came back as HTTP {served.status}"

    # The receipt: a signed PDF that reads in Vietnamese, with the code and the appointment.
    receipt = issue_pdf(page, page.get_by_role("button", name=f"{RECEIPT_TITLE} (PDF)"))
    text = flat(pdf_text(receipt))
    assert RECEIPT_TITLE.upper() in text, text
    assert f"Mã hồ sơ: {code}" in text, text
    assert CITIZEN_NAME in text and PROCEDURE_NAME in text, text
    assert f"Thời gian trả kết quả giải quyết hồ sơ: {spoken_time(dossier.due_at)}" in text, text
    assert _signers(receipt, "the receipt") == [dossier.receiving_unit.name]

    act(
        page,
        "Phân công xử lý",
        lambda form: form.get_by_label("Giao cho cán bộ").select_option(
            label=f"{demo.specialist.get_full_name()} – Chuyên viên xử lý"
        ),
    )
    sign_out(page)
    # Scanned from the paper, the QR code opens the receipt's verification page (anonymous).
    _scan_and_follow(page, receipt, live_server.url, code, RECEIPT_TITLE)

    # The specialist finds it among their own dossiers and completes the appraisal.
    sign_in(page, demo.specialist.username, demo.password)
    page.get_by_role("link", name="Hồ sơ cần xử lý").click()
    page.get_by_label("Phạm vi").select_option("mine")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name=code, exact=True).click()
    act(
        page,
        "Hoàn thành bước xử lý",
        lambda form: form.get_by_label("Ý kiến, ghi chú").fill("Đủ điều kiện cấp"),
    )
    expect(page.locator("#dossier-status")).to_have_text("Chờ lãnh đạo phê duyệt, ký")
    sign_out(page)

    # The leader approves with the result file, which is signed with their own key.
    sign_in(page, demo.leader.username, demo.password)
    open_from_queue(page, code)

    def approve(form):
        form.get_by_label("Số, ký hiệu văn bản").fill("15/XNTTHN")
        form.get_by_label("Tệp kết quả (nếu có)").set_input_files(
            [{"name": "ket-qua.pdf", "mimeType": "application/pdf", "buffer": _result_pdf(code)}]
        )

    act(page, "Phê duyệt kết quả", approve)
    sign_out(page)

    # The registry numbers and issues what the leader signed (adding the agency's seal).
    sign_in(page, demo.registry.username, demo.password)
    open_from_queue(page, code)
    act(
        page,
        "Ban hành, ghi nhận kết quả",
        lambda form: form.get_by_label("Số, ký hiệu văn bản").fill("15/XNTTHN"),
    )
    expect(page.locator("#dossier-status")).to_have_text("Đã có kết quả, chờ trả")
    expect(page.get_by_text(f"{code}-KQ1")).to_be_visible()
    sign_out(page)

    # The desk hands the result over and the returned e-copy validates as signed.
    sign_in(page, demo.desk.username, demo.password)
    page.goto(f"/backoffice/dossiers/{code}/")

    def recipient(form):
        form.get_by_label("Họ tên người nhận").fill(CITIZEN_NAME)
        form.get_by_label("Số giấy tờ tùy thân người nhận").fill(CITIZEN_ID)
        form.get_by_label("Đã trả lại bản gốc giấy tờ cho người nhận").check()

    act(page, "Trả kết quả", recipient)
    expect(page.locator("#dossier-status")).to_have_text("Đã trả kết quả")
    result = fetch_pdf(page, page.locator("section[aria-labelledby=h-results] a"))
    assert f"Giấy xác nhận tình trạng hôn nhân – {code}" in flat(pdf_text(result))
    _signers(result, "the returned result")
    sign_out(page)
    # The result carries its own QR code (stamped before the leader signed), opening its page.
    name = dossier.results.get().name.lower()
    _scan_and_follow(page, result, live_server.url, code, name[:1].upper() + name[1:])


def _result_pdf(code: str) -> bytes:
    return simple_pdf(f"Giấy xác nhận tình trạng hôn nhân – {code}")


def _at_the_leader(demo, *, at=None) -> Dossier:
    """A walk-in dossier of the demo citizen, received (at ``at``), handed to the specialist and
    appraised: it waits for the leader."""
    version = _version()
    citizen = services.Applicant.from_account(
        CitizenProfile.objects.get(personal_id=CITIZEN_ID).user
    )
    dossier = services.receive(
        actor=demo.desk,
        procedure_version=version,
        receiving_unit=desk_units(demo.desk)[0],
        resolving_agency=demo.ward,
        applicant=citizen,
        components=[
            services.ComponentInput(name=c.name, component=c, paper_originals=1)
            for c in (
                version.components.get(name=FORM),
                version.components.get(name__startswith=ID_PAPER),
            )
        ],
        at=at,
    )
    dossier = services.assign(dossier, actor=demo.desk, assignee=demo.specialist, at=at)
    return services.complete_step(dossier, actor=demo.specialist, note="Đủ điều kiện", at=at)


def test_the_issued_result_carries_the_leaders_signature_then_the_agency_seal(page, demo):
    dossier = _at_the_leader(demo)
    code = dossier.code

    sign_in(page, demo.leader.username, demo.password)
    page.goto(f"/backoffice/dossiers/{code}/")

    def approve(form):
        form.get_by_label("Tệp kết quả (nếu có)").set_input_files(
            [{"name": "ket-qua.pdf", "mimeType": "application/pdf", "buffer": _result_pdf(code)}]
        )

    act(page, "Phê duyệt kết quả", approve)
    sign_out(page)

    # The registry issues what the leader signed: no file of its own.
    sign_in(page, demo.registry.username, demo.password)
    page.goto(f"/backoffice/dossiers/{code}/")
    act(
        page,
        "Ban hành, ghi nhận kết quả",
        lambda form: form.get_by_label("Số, ký hiệu văn bản").fill("16/XNTTHN"),
    )
    expect(page.locator("#dossier-status")).to_have_text("Đã có kết quả, chờ trả")
    results = page.locator("section[aria-labelledby=h-results] a")
    assert results.count() == 1, "the issued result has no electronic copy: the leader's was lost"
    result = fetch_pdf(page, results)
    assert _signers(result, "the issued result") == [
        demo.leader.get_full_name(),
        dossier.resolving_agency.name,
    ]


def test_late_dossiers_overdue_flagged_and_apology_letter_with_new_date(page, demo, live_server):
    now = timezone.now()
    # Received a month ago: long past its 3 working days.
    overdue = _at_the_leader(demo, at=now - datetime.timedelta(days=30))
    assert overdue.due_at < now
    # Received yesterday and still within time, but the leader knows it will be late: ND 61/2018
    # Art. 19 §9 wants the apology at least one working day before the due time.
    late = _at_the_leader(demo, at=now - datetime.timedelta(days=1))
    assert late.due_at > now
    new_due = (timezone.localtime(late.due_at) + datetime.timedelta(days=7)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )

    # The queue flags the overdue dossier, in words, and only it under "Quá hạn".
    sign_in(page, demo.leader.username, demo.password)
    page.get_by_role("link", name="Hồ sơ cần xử lý").click()
    rows = page.locator("table.queue tbody tr")
    expect(rows.filter(has_text=overdue.code)).to_contain_text("Quá hạn")
    expect(rows.filter(has_text=late.code)).not_to_contain_text("Quá hạn")
    page.get_by_label("Hạn xử lý").select_option(label="Quá hạn")
    page.get_by_role("button", name="Lọc").click()
    expect(rows.filter(has_text=overdue.code)).to_have_count(1)
    expect(rows.filter(has_text=late.code)).to_have_count(0)

    # Past its due time the apology comes too late: refused, with the rule, nothing changed.
    page.get_by_role("link", name=overdue.code, exact=True).click()
    expect(page.locator(".facts .due-overdue")).to_have_text("Quá hạn")

    def apology(form):
        form.get_by_label("Ngày hẹn trả mới").fill(new_due.strftime("%Y-%m-%dT%H:%M"))
        form.get_by_label("Lý do chậm").fill("Chờ kết quả xác minh của cơ quan phối hợp")

    act(page, "Xin lỗi và hẹn lại ngày trả kết quả", apology, refused=True)
    expect(page.get_by_role("alert")).to_contain_text("Phải xin lỗi, hẹn lại chậm nhất")
    assert not overdue.reappointments.exists()

    # In time, the leader apologises and re-appoints; the page shows both dates.
    page.goto(f"/backoffice/dossiers/{late.code}/")
    act(page, "Xin lỗi và hẹn lại ngày trả kết quả", apology)
    facts = page.locator(".facts").first
    expect(facts).to_contain_text(new_due.strftime("%H:%M %d/%m/%Y"))
    expect(facts).to_contain_text(
        f"hạn ban đầu {timezone.localtime(late.due_at).strftime('%H:%M %d/%m/%Y')}"
    )

    # The apology letter (Form 04 of the form set in force: the 2025 set's title).
    assert Dossier.objects.get(pk=late.pk).rules.form_set == "2025"
    letter = issue_pdf(
        page, page.get_by_role("button", name="Phiếu xin lỗi và hẹn lại ngày trả kết quả (PDF)")
    )
    text = flat(pdf_text(letter))
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text, text
    assert f"Mã hồ sơ: {late.code}" in text, text
    assert f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {spoken_time(late.due_at)}" in text, text
    assert "Lý do: Chờ kết quả xác minh của cơ quan phối hợp" in text, text
    assert f"vào {spoken_time(new_due)}" in text, text
    assert _signers(letter, "the apology letter") == [late.resolving_agency.name]

    # Once only ("không quá một lần"): a second apology is refused.
    act(page, "Xin lỗi và hẹn lại ngày trả kết quả", apology, refused=True)
    expect(page.get_by_role("alert")).to_contain_text("không được hẹn lại thêm")
    sign_out(page)
    _scan_and_follow(
        page,
        letter,
        live_server.url,
        late.code,
        "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    )
