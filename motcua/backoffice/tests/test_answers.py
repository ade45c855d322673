"""The officer's side of the form's answers: shown on the dossier page as typed, with the time
limit worded as on the receipt; corrected by the receiving desk before acceptance with a reason,
refused with the portal's own messages, recorded on the timeline; typed at walk-in intake and
checked by the same validator; hidden from anyone who may not see the dossier."""

import datetime

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import make_citizen
from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.constants import Action, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import ComponentInput
from motcua.dossiers.tests.conftest import BIRTH_ANSWERS

from .conftest import freeze_time, vn
from .states import action_url, offered_actions, open_page, post_action

pytestmark = pytest.mark.django_db
NOW = vn(2026, 3, 2, 10, 0)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _file(birth_version, tree, user, *, identity=True):
    names = ["Tờ khai"] + (["Giấy tờ tùy thân của người yêu cầu"] if identity else [])
    components = [
        ComponentInput(
            name=name,
            component=birth_version.components.get(name=name),
            files=[store_file(b"%PDF-1.4 x", name="giay.pdf", content_type="application/pdf")],
        )
        for name in names
    ]
    return services.submit_online(
        actor=user,
        procedure_version=birth_version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=components,
        form_data={"fields": BIRTH_ANSWERS},
        at=vn(2026, 3, 2, 8, 30),
    )


@pytest.fixture
def submitted(birth_version, tree, people):
    return _file(birth_version, tree, people.citizen_a)


@freeze_time(NOW)
def test_the_officer_reads_the_answers_as_typed_and_the_time_limit(as_user, people, submitted):
    html = open_page(as_user(people.desk_x), submitted).content.decode()
    assert "Thông tin tờ khai" in html
    # The answers as read (the correction form below holds ISO dates for its date pickers).
    answers = html.split('<dl class="facts answers">')[1].split("</dl>")[0]
    for shown in (
        "Nguyễn Minh Khang",
        "<dd>20/02/2026</dd>",
        "<dd>Nam</dd>",
        "<dd>12/04/1986</dd>",
    ):
        assert shown in answers, shown
    assert "2026-02-20" not in answers and "gioi_tinh" not in answers and ">nam<" not in answers
    assert "<dt>Thời hạn giải quyết</dt><dd>3 ngày làm việc</dd>" in html


@freeze_time(NOW)
def test_the_desk_corrects_an_answer_and_the_timeline_says_what_changed(as_user, people, submitted):
    client = as_user(people.desk_x)
    page = open_page(client, submitted)
    assert Action.CORRECT_ANSWERS in offered_actions(page)
    typed = {f"answer_{k}": v for k, v in BIRTH_ANSWERS.items()}
    response = post_action(
        client,
        submitted,
        Action.CORRECT_ANSWERS,
        **(typed | {"answer_gioi_tinh": "nu", "reason": "Sửa theo Giấy chứng sinh"}),
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.form_data["fields"]["gioi_tinh"] == "nu"
    html = open_page(client, submitted).content.decode()
    assert "<dd>Nữ</dd>" in html
    assert "Giới tính: Nam → Nữ<br>" in html and "Sửa theo Giấy chứng sinh" in html


@freeze_time(NOW)
def test_an_impossible_correction_is_refused_with_the_portals_message(as_user, people, submitted):
    client = as_user(people.desk_x)
    typed = {f"answer_{k}": v for k, v in BIRTH_ANSWERS.items()}
    response = post_action(
        client,
        submitted,
        Action.CORRECT_ANSWERS,
        **(typed | {"answer_ngay_sinh": "05/03/2026", "reason": "Sửa"}),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "“Ngày sinh của trẻ” (05/03/2026) không được sau ngày hôm nay (02/03/2026)." in html
    assert 'value="05/03/2026"' in html  # what was typed is kept in the open form
    submitted.refresh_from_db()
    assert submitted.form_data["fields"]["ngay_sinh"] == "2026-02-20"
    assert not submitted.events.filter(action=Action.CORRECT_ANSWERS).exists()


@freeze_time(NOW)
def test_only_the_receiving_desk_corrects_and_only_before_acceptance(as_user, people, submitted):
    page = open_page(as_user(people.specialist_x), submitted)
    assert "Nguyễn Minh Khang" in page.content.decode()
    assert Action.CORRECT_ANSWERS not in offered_actions(page)
    assert open_page(as_user(people.desk_y), submitted).status_code == 404
    forced = as_user(people.desk_y).post(action_url(submitted, Action.CORRECT_ANSWERS), {})
    assert forced.status_code == 404
    accepted = services.accept(submitted, actor=people.desk_x)
    client = as_user(people.desk_x)
    page = open_page(client, accepted)
    assert "Nguyễn Minh Khang" in page.content.decode()
    assert Action.CORRECT_ANSWERS not in offered_actions(page)
    typed = {f"answer_{k}": v for k, v in BIRTH_ANSWERS.items()}
    forced = post_action(
        client,
        accepted,
        Action.CORRECT_ANSWERS,
        **(typed | {"answer_gioi_tinh": "nu", "reason": "Sửa"}),
    )
    assert forced.status_code == 400
    assert "khi hồ sơ đang ở trạng thái" in forced.content.decode()
    accepted.refresh_from_db()
    assert accepted.form_data["fields"]["gioi_tinh"] == "nam"


@freeze_time(NOW)
def test_the_officer_sees_which_papers_a_vneid_verified_applicant_did_not_give(
    as_user, people, tree, birth_version
):
    verified = make_citizen(
        "Phạm Thị Diệu", date_of_birth=datetime.date(2001, 9, 30), vneid_verified=True
    )
    dossier = _file(birth_version, tree, verified, identity=False)
    html = open_page(as_user(people.desk_x), dossier).content.decode()
    assert "Người nộp đã xác thực VNeID nên không phải nộp giấy tờ sau" in html
    assert "Giấy tờ tùy thân của người yêu cầu" in html


def _intake_data(birth_version, tree, **answers):
    data = {
        "receiving_unit": tree.commune_x.pk,
        "resolving_agency": tree.commune_x.pk,
        "channel": "direct",
        "applicant_kind": "citizen",
        "applicant_name": "Trần Văn Bình",
        "id_number": "068080999999",
        "phone": "0911222333",
        "delivery": "desk",
        "idempotency_key": "intake-birth-1",
        "decision": "receive",
    }
    for component in birth_version.components.filter(requirement="mandatory"):
        data[f"c{component.pk}_originals"] = "1"
    return data | {f"answer_{k}": v for k, v in answers.items()}


@freeze_time(NOW)
def test_walk_in_intake_types_the_form_and_checks_it_like_the_portal(
    as_user, people, tree, birth_version
):
    client = as_user(people.desk_x)
    url = reverse("backoffice:intake_form", args=[birth_version.pk])
    form = client.get(url).content.decode()
    assert "Thông tin tờ khai" in form and 'name="answer_ngay_sinh"' in form
    missing = client.post(url, _intake_data(birth_version, tree))
    assert missing.status_code == 400
    assert "Chưa nhập “Họ, chữ đệm, tên của trẻ”." in missing.content.decode()
    future = client.post(
        url, _intake_data(birth_version, tree, **(BIRTH_ANSWERS | {"ngay_sinh": "2026-03-05"}))
    )
    html = future.content.decode()
    assert future.status_code == 400
    assert "“Ngày sinh của trẻ” (05/03/2026) không được sau ngày hôm nay (02/03/2026)." in html
    assert not Dossier.objects.exists()
    done = client.post(url, _intake_data(birth_version, tree, **BIRTH_ANSWERS))
    assert done.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.status == Status.RECEIVED
    assert dossier.form_data["fields"]["ngay_sinh"] == "2026-02-20"


@freeze_time(NOW)
def test_a_refusal_at_the_desk_does_not_demand_the_form(as_user, people, tree, birth_version):
    client = as_user(people.desk_x)
    url = reverse("backoffice:intake_form", args=[birth_version.pk])
    data = _intake_data(birth_version, tree, ngay_sinh="2030-01-01") | {
        "decision": "refuse",
        "refusal_reason": "Không thuộc thẩm quyền",
    }
    assert client.post(url, data).status_code == 302
    refused = Dossier.objects.get()
    assert refused.status == Status.REFUSED_AT_INTAKE and "fields" not in refused.form_data
