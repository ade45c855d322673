"""The citizen's side of the form's answers: impossible dates refused on the step where they are
typed (the same messages as the desk's), the answers read back as typed on the review step and
on the dossier page, the VNeID rule told on the documents step, a desk correction on the
timeline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.tests.factories import make_citizen
from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import BIRTH_ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


def _start(client, version, tree, user):
    client.post(
        reverse("portal:apply", args=[version.procedure.code]),
        {"resolving_agency": tree.commune_x.pk, "receiving_unit": tree.commune_x.pk},
    )
    return Dossier.objects.get(applicant=user, status=Status.DRAFT)


def _step(draft, name):
    return reverse("portal:draft_step", args=[draft.pk, name])


def _typed(today, **changes):
    answers = {
        "phone": "0912345678",
        "ho_ten_tre": "Nguyễn Minh Khang",
        "ngay_sinh": (today - datetime.timedelta(days=12)).isoformat(),
        "gioi_tinh": "nam",
        "ho_ten_me": "Trần Thị Thu Hà",
        "ngay_sinh_me": "1986-04-12",
        "so_ban": "2",
    }
    return answers | changes


@pytest.fixture
def draft(as_user, people, tree, birth_version):
    client = as_user(people.citizen_a)
    return client, _start(client, birth_version, tree, people.citizen_a)


def test_a_birth_in_the_future_is_refused_on_the_step_and_nothing_is_lost(draft, today):
    client, dossier = draft
    tomorrow = today + datetime.timedelta(days=1)
    response = client.post(
        _step(dossier, "applicant"), _typed(today, ngay_sinh=tomorrow.isoformat())
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f"“Ngày sinh của trẻ” ({tomorrow:%d/%m/%Y}) không được sau ngày hôm nay "
        f"({today:%d/%m/%Y})." in html
    )
    assert "Nguyễn Minh Khang" in html and "Trần Thị Thu Hà" in html  # kept as typed
    dossier.refresh_from_db()
    assert "fields" not in dossier.form_data


def test_a_child_born_before_the_mother_is_refused(draft, today):
    client, dossier = draft
    response = client.post(_step(dossier, "applicant"), _typed(today, ngay_sinh="1985-06-01"))
    assert "không được trước “Ngày sinh của mẹ” (12/04/1986)" in response.content.decode()


def test_answers_read_back_as_typed_on_the_review_step(draft, today):
    client, dossier = draft
    born = today - datetime.timedelta(days=12)
    response = client.post(_step(dossier, "applicant"), _typed(today, ngay_sinh=f"{born:%d/%m/%Y}"))
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.form_data["fields"]["ngay_sinh"] == born.isoformat()
    html = client.get(reverse("portal:draft_review", args=[dossier.pk])).content.decode()
    assert f"<dd>{born:%d/%m/%Y}</dd>" in html and "<dd>Nam</dd>" in html
    assert "<dd>12/04/1986</dd>" in html
    assert born.isoformat() not in html and "gioi_tinh" not in html and ">nam<" not in html


def test_the_documents_step_tells_and_applies_the_vneid_rule(as_user, tree, birth_version, pdf):
    verified = make_citizen(
        "Phạm Thị Diệu", date_of_birth=datetime.date(2001, 9, 30), vneid_verified=True
    )
    unverified = make_citizen("Lê Thị Bích", date_of_birth=datetime.date(1992, 3, 8))
    form = birth_version.components.get(name="Tờ khai")
    paper = birth_version.components.get(name="Giấy tờ tùy thân của người yêu cầu")

    client = as_user(verified)
    mine = _start(client, birth_version, tree, verified)
    html = client.get(_step(mine, "documents")).content.decode()
    assert "Bạn không phải nộp giấy tờ này: tài khoản của bạn đã xác thực VNeID" in html
    # Going on with the form only: accepted, the identity paper is not demanded.
    response = client.post(
        _step(mine, "documents"), {f"upload_{form.pk}": pdf(), "version": mine.version}
    )
    assert response.status_code == 302

    client = as_user(unverified)
    theirs = _start(client, birth_version, tree, unverified)
    html = client.get(_step(theirs, "documents")).content.decode()
    assert "Tài khoản của bạn chưa xác thực VNeID nên vẫn cần nộp." in html
    response = client.post(
        _step(theirs, "documents"), {f"upload_{form.pk}": pdf(), "version": theirs.version}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Giấy tờ này bắt buộc" in html
    theirs.refresh_from_db()
    assert list(theirs.form_data["attachments"]) == [str(form.pk)]  # the form was kept
    # Saving the draft is not going on: no demand, the draft is saved.
    response = client.post(_step(theirs, "documents"), {"save": "1", "version": theirs.version})
    assert response.status_code == 302
    response = client.post(
        _step(theirs, "documents"),
        {f"upload_{paper.pk}": pdf("cccd.pdf"), "version": theirs.version + 1},
    )
    assert response.status_code == 302


@pytest.fixture
def filed(birth_version, tree, people, form_component_birth):
    return services.submit_online(
        actor=people.citizen_a,
        procedure_version=birth_version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=form_component_birth(people.citizen_a),
        form_data={
            "fields": BIRTH_ANSWERS
            | {"ngay_sinh": (timezone.localdate() - datetime.timedelta(days=3)).isoformat()}
        },
    )


@pytest.fixture
def form_component_birth(birth_version):
    from motcua.documents.services import store_file
    from motcua.dossiers.services import ComponentInput

    def make(user):
        items = []
        for name in ("Tờ khai", "Giấy tờ tùy thân của người yêu cầu"):
            stored = store_file(
                b"%PDF-1.4 x", name="giay.pdf", content_type="application/pdf", owner=user
            )
            items.append(
                ComponentInput(
                    name=name, component=birth_version.components.get(name=name), files=[stored]
                )
            )
        return items

    return make


def test_the_citizen_reads_their_answers_and_the_desks_correction(as_user, people, filed):
    services.correct_answers(
        filed, actor=people.desk_x, answers_given={"gioi_tinh": "nu"}, reason="Theo Giấy chứng sinh"
    )
    page = reverse("portal:dossier", args=[filed.code])
    html = as_user(people.citizen_a).get(page).content.decode()
    assert "Thông tin tờ khai" in html and "<dd>Nguyễn Minh Khang</dd>" in html
    assert "<dd>Nữ</dd>" in html and "<dd>12/04/1986</dd>" in html
    assert "Bộ phận Một cửa đã sửa thông tin trong tờ khai của bạn" in html
    assert "Giới tính: Nam → Nữ" in html and "Theo Giấy chứng sinh" in html
    assert "Thời hạn giải quyết" in html and "3 ngày làm việc" in html


def test_nobody_else_reads_the_citizens_answers(client, as_user, people, filed):
    page = reverse("portal:dossier", args=[filed.code])
    assert "/accounts/login/" in client.get(page)["Location"]
    other = as_user(people.citizen_b).get(page)
    assert other.status_code == 404 and "Nguyễn Minh Khang" not in other.content.decode()
