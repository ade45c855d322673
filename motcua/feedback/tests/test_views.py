"""The pages: happy paths without JavaScript, and the negatives of every view (anonymous,
citizen B, officers of another agency, managers read-only)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.feedback import services
from motcua.feedback.constants import Classification, Status
from motcua.feedback.models import Feedback, FeedbackVote, Rating

from .conftest import ANSWERS


@pytest.fixture
def feedback(procedure, tree, version):
    return services.submit_feedback(
        actor=AnonymousUser(),
        classification=Classification.POLICY,
        title="Tờ khai trùng lặp",
        content="Nội dung",
        sender_name="Trần Văn Khách",
        sender_email="khach@example.vn",
        procedure=procedure,
        agency=tree.commune_x,
    )


@pytest.fixture
def own_feedback(result_dossier, people):
    return services.submit_feedback(
        actor=people.citizen_a,
        classification=Classification.CONDUCT,
        title="Thái độ",
        content="Nội dung",
        sender_name="Nguyễn Văn An",
        dossier=result_dossier,
    )


@pytest.fixture
def published(feedback, people):
    services.answer(feedback, actor=people.specialist_x, text="Đã sửa tờ khai.")
    return services.publish(feedback, actor=people.leader_x)


def rating_post():
    return {"level": "satisfied", **{f"c_{k}": v for k, v in ANSWERS.items()}, "comment": ""}


# Public pages


def test_anonymous_submits_about_a_procedure_in_two_steps(client, procedure, tree, version):
    url = reverse("feedback:submit")
    assert client.get(url).status_code == 200
    page = client.get(url, {"procedure": procedure.code})
    assert page.status_code == 200 and "Cơ quan được phản ánh" in page.content.decode()
    response = client.post(
        f"{url}?procedure={procedure.code}",
        {
            "classification": "policy",
            "agency": tree.commune_x.pk,
            "title": "Tiêu đề",
            "content": "Nội dung",
            "sender_name": "Khách",
            "sender_phone": "0987654321",
        },
    )
    assert response.status_code == 200
    feedback = Feedback.objects.get()
    assert feedback.code in response.content.decode() and feedback.author is None


def test_anonymous_without_contact_is_told_why_and_nothing_is_saved(
    client, procedure, version, tree
):
    response = client.post(
        f"{reverse('feedback:submit')}?procedure={procedure.code}",
        {
            "classification": "policy",
            "agency": tree.commune_x.pk,
            "title": "Tiêu đề",
            "content": "Nội dung",
            "sender_name": "Khách",
        },
    )
    assert "số điện thoại hoặc thư điện tử" in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_about_a_dossier_only_by_its_applicant(client, as_user, people, result_dossier):
    url = f"{reverse('feedback:submit')}?dossier={result_dossier.code}"
    assert client.get(url).status_code == 404  # anonymous
    assert as_user(people.citizen_b).get(url).status_code == 404
    assert as_user(people.desk_x).get(url).status_code == 403
    page = as_user(people.citizen_a).get(url)
    assert page.status_code == 200 and "phản ánh lại về kết quả" in page.content.decode()


def test_unpublished_answers_are_not_public(client, feedback):
    assert client.get(reverse("feedback:answer_detail", args=[feedback.code])).status_code == 404
    assert (
        client.post(reverse("feedback:vote", args=[feedback.code]), {"vote": "like"}).status_code
        == 404
    )
    assert feedback.code not in client.get(reverse("feedback:published")).content.decode()


def test_published_answer_and_like_once_per_session(client, published):
    assert published.code in client.get(reverse("feedback:published")).content.decode()
    url = reverse("feedback:vote", args=[published.code])
    assert client.get(url).status_code == 405
    client.post(url, {"vote": "like"})
    second = client.post(url, {"vote": "dislike"}, follow=True)
    assert "đã bày tỏ ý kiến" in second.content.decode()
    published.refresh_from_db()
    assert (published.likes, published.dislikes) == (1, 0)
    assert FeedbackVote.objects.count() == 1


# The citizen's pages


def test_my_pages_need_an_applicant(client, as_user, people, own_feedback):
    for url in (
        reverse("feedback:mine"),
        reverse("feedback:my_detail", args=[own_feedback.code]),
    ):
        assert client.get(url).status_code == 302  # to sign-in
    assert as_user(people.desk_x).get(reverse("feedback:mine")).status_code == 403
    detail = reverse("feedback:my_detail", args=[own_feedback.code])
    assert as_user(people.citizen_b).get(detail).status_code == 404
    assert (
        own_feedback.code
        not in as_user(people.citizen_b).get(reverse("feedback:mine")).content.decode()
    )
    assert as_user(people.citizen_a).get(detail).status_code == 200


def test_citizen_answers_a_supplement_request(as_user, people, own_feedback):
    services.request_supplement(own_feedback, actor=people.desk_x, request="Cho biết thêm")
    url = reverse("feedback:my_supplement", args=[own_feedback.code])
    assert as_user(people.citizen_b).post(url, {"text": "x"}).status_code == 404
    as_user(people.citizen_a).post(url, {"text": "Thông tin thêm"})
    own_feedback.refresh_from_db()
    assert own_feedback.status == Status.RECEIVED


def test_citizen_rates_once_from_the_page(client, as_user, people, result_dossier):
    url = reverse("feedback:rate", args=[result_dossier.code])
    assert client.get(url).status_code == 302
    assert as_user(people.citizen_b).get(url).status_code == 404
    assert as_user(people.desk_x).get(url).status_code == 403
    citizen = as_user(people.citizen_a)
    assert result_dossier.code in citizen.get(reverse("feedback:mine")).content.decode()
    assert citizen.post(url, rating_post()).status_code == 302
    again = citizen.post(url, rating_post() | {"level": "not_satisfied"}, follow=True)
    assert "chỉ được đánh giá một lần" in again.content.decode()
    assert Rating.objects.get().level == "satisfied"


def test_no_rating_page_form_before_the_result(as_user, people, open_dossier):
    citizen = as_user(people.citizen_a)
    url = reverse("feedback:rate", args=[open_dossier.code])
    assert "chưa có kết quả" in citizen.get(url).content.decode()
    citizen.post(url, rating_post())
    assert not Rating.objects.exists()


# Back office


def test_office_pages_need_an_officer(client, as_user, people, feedback):
    urls = (reverse("feedback:queue"), reverse("feedback:office_detail", args=[feedback.code]))
    assert [client.get(url).status_code for url in urls] == [302, 302]
    citizen = as_user(people.citizen_a)
    assert [citizen.get(url).status_code for url in urls] == [403, 403]


def test_queue_shows_own_agency_with_due_words(as_user, people, feedback):
    page = as_user(people.specialist_x).get(reverse("feedback:queue")).content.decode()
    assert feedback.code in page and (
        "Trong hạn" in page or "Quá hạn" in page or "Sắp đến hạn" in page
    )
    assert (
        feedback.code not in as_user(people.desk_y).get(reverse("feedback:queue")).content.decode()
    )
    detail = reverse("feedback:office_detail", args=[feedback.code])
    assert as_user(people.desk_y).get(detail).status_code == 404


def test_officer_answers_and_leader_publishes(as_user, people, feedback):
    as_user(people.specialist_x).post(
        reverse("feedback:act", args=[feedback.code, "answer"]), {"answer-text": "Trả lời"}
    )
    feedback.refresh_from_db()
    assert feedback.status == Status.ANSWERED
    as_user(people.leader_x).post(reverse("feedback:act", args=[feedback.code, "publish"]))
    feedback.refresh_from_db()
    assert feedback.status == Status.PUBLISHED


def test_manager_reads_but_cannot_act(as_user, people, feedback):
    manager = as_user(people.manager)
    detail = manager.get(reverse("feedback:office_detail", args=[feedback.code]))
    assert detail.status_code == 200 and "chỉ có quyền xem" in detail.content.decode()
    response = manager.post(
        reverse("feedback:act", args=[feedback.code, "answer"]),
        {"answer-text": "Trả lời"},
        follow=True,
    )
    assert "không có vai trò phù hợp" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == Status.RECEIVED


def test_other_agency_cannot_act_and_unknown_action_is_404(as_user, people, feedback):
    url = reverse("feedback:act", args=[feedback.code, "answer"])
    assert as_user(people.desk_y).post(url, {"answer-text": "x"}).status_code == 404
    assert (
        as_user(people.specialist_x)
        .post(reverse("feedback:act", args=[feedback.code, "vote"]))
        .status_code
        == 404
    )
    assert as_user(people.specialist_x).get(url).status_code == 405


def test_transfer_from_the_page(as_user, people, feedback, tree):
    as_user(people.desk_x).post(
        reverse("feedback:act", args=[feedback.code, "transfer"]),
        {"transfer-to_agency": tree.department.pk, "transfer-text": "Thuộc thẩm quyền Sở"},
    )
    feedback.refresh_from_db()
    assert feedback.agency == tree.department and feedback.status == Status.TRANSFERRED


def test_desk_records_a_tablet_rating(client, as_user, people, result_dossier):
    url = reverse("feedback:rate_on_behalf", args=[result_dossier.code])
    assert client.get(url).status_code == 302
    assert as_user(people.citizen_a).get(url).status_code == 403
    assert as_user(people.desk_y).get(url).status_code == 404
    specialist_page = as_user(people.specialist_x).get(url).content.decode()
    assert "không có quyền" in specialist_page
    desk = as_user(people.desk_x)
    assert desk.post(url, rating_post() | {"channel": "slip"}).status_code == 302
    assert Rating.objects.get().channel == "slip"


def test_queue_queries_do_not_grow_with_the_list(as_user, people, feedback, procedure, tree):
    officer = as_user(people.specialist_x)
    url = reverse("feedback:queue")
    officer.get(url)
    with CaptureQueriesContext(connection) as one:
        officer.get(url)
    for n in range(5):
        services.submit_feedback(
            actor=AnonymousUser(),
            classification=Classification.POLICY,
            title=f"Phản ánh {n}",
            content="Nội dung",
            sender_name="Khách",
            sender_phone="0987654321",
            procedure=procedure,
            agency=tree.commune_x,
        )
    with CaptureQueriesContext(connection) as six:
        officer.get(url)
    assert len(six) == len(one)


def test_posts_need_the_right_person(client, as_user, people, feedback, own_feedback):
    act = reverse("feedback:act", args=[feedback.code, "answer"])
    supplement = reverse("feedback:my_supplement", args=[own_feedback.code])
    assert client.post(act, {"answer-text": "x"}).status_code == 302  # to the officers' sign-in
    assert client.post(supplement, {"text": "x"}).status_code == 302
    assert as_user(people.citizen_a).post(act, {"answer-text": "x"}).status_code == 403
    assert as_user(people.desk_x).post(supplement, {"text": "x"}).status_code == 403
    assert Feedback.objects.filter(status=Status.RECEIVED).count() == 2
