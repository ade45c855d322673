"""The Giấy tiếp nhận (Form 01) of issue #14: the applicant's answers under “Nội dung yêu cầu
giải quyết” as typed, each copy (liên) on one A4 page however long the dossier, and the same
time limit as the dossier pages (one wording: ``dossiers.selectors.time_limit_text``)."""

import copy

import pytest
from django.urls import reverse

from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.services import Applicant, ComponentInput
from motcua.dossiers.tests.conftest import BIRTH_ANSWERS, birth_catalogue, vn
from motcua.notices import services as notices
from motcua.notices.constants import FormKey

from .helpers import flat, page_sizes, page_texts, word_boxes

pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)
MARGIN = 15 * 72 / 25.4
LONG = (
    "Bản sao có chứng thực giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản "
    "khác gắn liền với đất hoặc giấy tờ hợp pháp khác về quyền sử dụng đất theo quy định"
)
# The one wording of a same-day time limit (catalog.wording), with the version's cut-off.
SAME_DAY = "Trong ngày làm việc (nhận sau 15:00 thì trả trong ngày làm việc tiếp theo)"
ADDRESS = (
    "Số 123, ngõ 45, đường Nguyễn Thị Minh Khai, tổ dân phố Đồng Tâm, phường Bến Nghé, "
    "thành phố Hồ Chí Minh"
)


def _import(*, same_day=False, extra_components=0) -> object:
    data = birth_catalogue()
    version = data["procedures"][0]["versions"][0]
    if same_day:
        # Luật Hộ tịch: a birth is registered the same day (after 15:00, the next working day).
        version["cutoff_time"] = "15:00"
        for channel in version["channels"]:
            channel["processing_time"] = {"amount": 1, "unit": "working_days"}
            channel["same_day"] = True
        for step, hours in zip(version["processes"][0]["steps"], (1, 4, 2, 0.5, 0.5), strict=True):
            step["quota"] = {"amount": hours, "unit": "working_hours"}
    for index in range(extra_components):
        version["components"].append({"name": f"{LONG} ({index + 1})", "originals": 1, "copies": 2})
    catalog_services.import_catalogue(copy.deepcopy(data))
    return catalog.published_version_on("9.000002", vn(2026, 3, 2, 9, 0).date())


def _receive(version, tree, people, *, address=""):
    components = [
        ComponentInput(name=c.name, component=c, paper_originals=1, paper_copies=c.copies)
        for c in version.components.all()
    ]
    return services.receive(
        actor=people.desk_x,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        applicant=Applicant(name="Nguyễn Văn An", address=address, phone="0912345678"),
        components=components,
        form_data={"fields": BIRTH_ANSWERS},
        at=vn(2026, 3, 2, 9, 0),
    )


def test_the_answers_are_on_both_copies_as_typed(tree, people):
    dossier = _receive(_import(), tree, people)
    pdf = notices.render_notice(dossier, FormKey.RECEIPT)
    for text in (flat(page) for page in page_texts(pdf)):
        assert "Thông tin kê khai trong tờ khai:" in text
        for line in (
            "- Họ, chữ đệm, tên của trẻ: Nguyễn Minh Khang",
            "- Ngày sinh của trẻ: 20/02/2026",
            "- Giới tính: Nam",
            "- Ngày sinh của mẹ: 12/04/1986",
            "- Số bản trích lục: 2",
        ):
            assert line in text, line
        assert "2026-02-20" not in text and "gioi_tinh" not in text


def test_each_copy_of_a_long_receipt_fits_one_a4_page_inside_its_margins(tree, people):
    dossier = _receive(_import(extra_components=6), tree, people, address=ADDRESS)
    pdf = notices.render_notice(dossier, FormKey.RECEIPT)
    assert page_sizes(pdf) == [A4, A4]
    first, second = (flat(text) for text in page_texts(pdf))
    for text in (first, second):
        assert f"{LONG} (6)" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
        assert "Ngày sinh của mẹ: 12/04/1986" in text
    for page, word, x_min, _y_min, x_max, _y_max in word_boxes(pdf):
        assert x_min >= MARGIN - 0.5 and x_max <= A4[0] - MARGIN + 0.5, (page, word)


def test_a_same_day_procedure_states_the_same_time_limit_on_the_receipt_and_the_pages(
    tree, people, as_user
):
    dossier = _receive(_import(same_day=True), tree, people)
    limit = SAME_DAY
    text = flat(page_texts(notices.render_notice(dossier, FormKey.RECEIPT))[0])
    assert f"3. Thời gian giải quyết hồ sơ theo quy định là: {limit}" in text
    assert "1 ngày làm việc" not in text
    officer = as_user(people.desk_x).get(reverse("backoffice:dossier", args=[dossier.code]))
    assert f"<dt>Thời hạn giải quyết</dt><dd>{limit}</dd>" in officer.content.decode()


def test_the_citizens_page_states_it_too(tree, people, as_user):
    version = _import(same_day=True)
    stored = store_file(b"%PDF-1.4 x", name="t.pdf", content_type="application/pdf")
    components = [
        ComponentInput(name=c.name, component=c, files=[stored])
        for c in version.components.filter(requirement="mandatory")
    ]
    dossier = services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=components,
        form_data={"fields": BIRTH_ANSWERS},
        at=vn(2026, 3, 2, 9, 0),
    )
    dossier = services.accept(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    html = as_user(people.citizen_a).get(reverse("portal:dossier", args=[dossier.code]))
    assert f"<dd>{SAME_DAY}</dd>" in html.content.decode()
    receipt = flat(page_texts(notices.render_notice(dossier, FormKey.RECEIPT))[1])
    assert f"3. Thời gian giải quyết hồ sơ theo quy định là: {SAME_DAY}" in receipt
