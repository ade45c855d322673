"""Following a feedback: the reply deadline stays where it was once answered, and a sender without
an account follows their feedback (and answers a request for more information) with its
tracking link or code."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from motcua.feedback import clock, services, tracking
from motcua.feedback.constants import Classification, Status
from motcua.feedback.errors import NotPermitted
from motcua.feedback.models import Feedback

from .conftest import vn

RECEIVED = vn(2026, 3, 2, 10, 0)  # Monday: the answer is due Mon 23/03 17:00


@pytest.fixture
def anonymous_feedback(procedure, tree):
    return services.submit_feedback(
        actor=AnonymousUser(),
        classification=Classification.POLICY,
        title="Biểu mẫu khó hiểu",
        content="Tờ khai hỏi hai lần cùng một thông tin.",
        sender_name="Trần Văn Khách",
        sender_phone="0987654321",
        procedure=procedure,
        agency=tree.commune_x,
        at=RECEIVED,
    )


class TestTheReplyDeadline:
    def test_answering_early_keeps_the_reply_deadline(self, anonymous_feedback, people):
        due = anonymous_feedback.answer_due_at
        assert due == vn(2026, 3, 23, 17, 0)
        answered = services.answer(
            anonymous_feedback, actor=people.specialist_x, text="Sẽ sửa.", at=vn(2026, 3, 3, 9)
        )
        answered = services.mark_repeat_complaint(
            answered, actor=people.desk_x, reason="Gọi lại", at=vn(2026, 3, 4, 9)
        )
        answered.refresh_from_db()
        assert answered.answer_due_at == answered.finished_due_at == due
        # The publication limit (2 working days) is shorter; it is shown as such, never as if
        # the reply deadline had moved to it.
        assert answered.publish_due_at == vn(2026, 3, 5, 17, 0)
        badge = clock.due_badge(answered, vn(2026, 3, 4, 10, 0))
        assert "công khai" in badge.text and "đúng hạn" in badge.text
        published = services.publish(answered, actor=people.leader_x, at=vn(2026, 3, 5, 9))
        published.refresh_from_db()
        assert published.answer_due_at == due

    def test_the_limits_of_a_finished_feedback_cannot_be_restarted(
        self, anonymous_feedback, people
    ):
        answered = services.answer(
            anonymous_feedback, actor=people.specialist_x, text="Sẽ sửa.", at=vn(2026, 3, 3, 9)
        )
        with pytest.raises(ValueError, match="no longer move"):
            clock.set_limits(answered, vn(2026, 3, 3, 10))

    def test_the_officers_page_shows_both_limits(self, anonymous_feedback, people, client):
        services.answer(
            anonymous_feedback, actor=people.specialist_x, text="Sẽ sửa.", at=vn(2026, 3, 3, 9)
        )
        client.force_login(people.desk_x)
        html = client.get(
            reverse("feedback:office_detail", args=[anonymous_feedback.code])
        ).content.decode()
        assert "Hạn trả lời</dt><dd>17:00 23/03/2026" in html
        assert "Hạn công khai</dt><dd>17:00 05/03/2026" in html


class TestTracking:
    def test_the_code_is_shown_grouped_and_read_back_forgivingly(self):
        token = tracking.new_token()
        assert len(token) == 12 and set(token) <= set(tracking.ALPHABET)
        shown = tracking.display(token)
        assert shown.count("-") == 2
        assert tracking.clean(shown.lower().replace("-", " ")) == token
        assert tracking.clean("o1l-IOAB") == "01110AB"

    def test_an_anonymous_sender_gets_a_link_and_a_code(self, procedure, tree, client):
        response = client.post(
            reverse("feedback:submit") + f"?procedure={procedure.code}",
            {
                "classification": Classification.POLICY,
                "agency": tree.commune_x.pk,
                "title": "Biểu mẫu khó hiểu",
                "content": "Tờ khai hỏi hai lần cùng một thông tin.",
                "sender_name": "Trần Văn Khách",
                "sender_phone": "0987654321",
            },
        )
        html = response.content.decode()
        feedback = Feedback.objects.get(procedure=procedure)
        link = reverse("feedback:track", args=[feedback.code, feedback.tracking_token])
        assert link in html
        assert tracking.display(feedback.tracking_token) in html
        page = client.get(link)
        assert page.status_code == 200
        assert "Biểu mẫu khó hiểu" in page.content.decode()

    def test_the_code_typed_in_the_lookup_form_opens_it(self, anonymous_feedback, client):
        typed = tracking.display(anonymous_feedback.tracking_token).lower()
        response = client.get(
            reverse("feedback:track_lookup"), {"code": anonymous_feedback.code, "token": typed}
        )
        assert response.status_code == 302
        assert response.url == reverse(
            "feedback:track", args=[anonymous_feedback.code, anonymous_feedback.tracking_token]
        )

    def test_a_wrong_code_looks_like_a_missing_one(self, anonymous_feedback, client, procedure):
        wrong = "0" * 12 if anonymous_feedback.tracking_token != "0" * 12 else "1" * 12
        assert (
            client.get(reverse("feedback:track", args=[anonymous_feedback.code, wrong])).status_code
            == 404
        )
        assert (
            client.get(reverse("feedback:track", args=["PAKN-000000-000000", wrong])).status_code
            == 404
        )
        response = client.get(
            reverse("feedback:track_lookup"), {"code": anonymous_feedback.code, "token": wrong}
        )
        assert response.status_code == 200
        assert "Không tìm thấy" in response.content.decode()

    def test_the_sender_answers_a_request_for_information_with_the_code(
        self, anonymous_feedback, people, client
    ):
        feedback = services.request_supplement(
            anonymous_feedback,
            actor=people.desk_x,
            request="Cho biết số tờ khai",
            at=vn(2026, 3, 3, 9),
        )
        link = reverse("feedback:track", args=[feedback.code, feedback.tracking_token])
        page = client.get(link).content.decode()
        assert "Cho biết số tờ khai" in page
        response = client.post(link, {"text": "Tờ khai số 3"})
        assert response.status_code == 302
        feedback.refresh_from_db()
        assert feedback.status == Status.RECEIVED
        assert feedback.events.last().reason == "Tờ khai số 3"

    def test_without_the_code_nobody_answers_for_the_sender(self, anonymous_feedback, people):
        feedback = services.request_supplement(
            anonymous_feedback, actor=people.desk_x, request="Cho biết số tờ khai"
        )
        for outsider in (AnonymousUser(), people.citizen_b):
            with pytest.raises(NotPermitted):
                services.record_supplement(feedback, actor=outsider, text="Giả mạo")
            with pytest.raises(NotPermitted):
                services.record_supplement(
                    feedback, actor=outsider, text="Giả mạo", tracking_token="X" * 12
                )
        feedback.refresh_from_db()
        assert feedback.status == Status.SUPPLEMENT_REQUESTED
