"""Counting answers through each channel, once per dossier, SMS token and counter visit; the
refusals outside the period; and the answers kept apart from the per-dossier ratings."""

import datetime

import pytest
from django.urls import reverse

from motcua.feedback.constants import Level
from motcua.feedback.errors import NotPermitted, RuleViolation
from motcua.feedback.models import Rating, SurveyResponse
from motcua.feedback.services import rate_dossier
from motcua.feedback.surveys import results, services
from motcua.feedback.surveys.constants import SurveyChannel
from motcua.feedback.tests.conftest import ANSWERS
from motcua.notifications import messages
from motcua.notifications.constants import Topic
from motcua.notifications.models import Delivery
from motcua.reports.common.periods import Period
from motcua.reports.selectors import index_766

from .conftest import QUESTIONS, answers_for, post_data, vn

pytestmark = pytest.mark.django_db


def counts(survey):
    return {r.channel: r.answers for r in results.build(survey).rates}


class TestAfterTheResult:
    def url(self, survey, dossier):
        return reverse("feedback:surveys:dossier", args=[survey.code, dossier.code])

    def test_the_applicant_answers_once_about_their_dossier(
        self, as_user, people, survey, result_dossier
    ):
        client = as_user(people.citizen_a)
        page = client.get(self.url(survey, result_dossier))
        assert page.status_code == 200
        assert "Mức độ hài lòng chung" in page.content.decode()
        sent = client.post(self.url(survey, result_dossier), post_data(survey))
        assert sent.status_code == 302
        again = client.post(self.url(survey, result_dossier), post_data(survey))
        assert again.status_code == 409
        assert "Bạn đã trả lời khảo sát này cho hồ sơ" in again.content.decode()
        assert counts(survey)[SurveyChannel.RESULT] == 1
        response = SurveyResponse.objects.get()
        assert response.unit.pk == result_dossier.receiving_unit_id
        assert response.dossier == result_dossier

    def test_required_questions_are_asked_again(self, as_user, people, survey, result_dossier):
        page = as_user(people.citizen_a).post(self.url(survey, result_dossier), {})
        assert page.status_code == 200
        assert "Hãy trả lời câu hỏi này." in page.content.decode()
        assert not SurveyResponse.objects.exists()

    def test_no_answer_before_the_result(self, as_user, people, survey, open_dossier):
        page = as_user(people.citizen_a).get(self.url(survey, open_dossier))
        assert page.status_code == 409
        assert "chưa có kết quả" in page.content.decode()

    def test_another_citizen_and_anonymous_are_refused(
        self, client, as_user, people, survey, result_dossier
    ):
        url = self.url(survey, result_dossier)
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
        assert as_user(people.citizen_b).get(url).status_code == 404
        assert as_user(people.citizen_b).post(url, post_data(survey)).status_code == 404
        assert not SurveyResponse.objects.exists()

    def test_the_dossier_page_and_the_result_message_link_to_the_survey(
        self, as_user, people, survey, result_dossier
    ):
        html = (
            as_user(people.citizen_a)
            .get(reverse("portal:dossier", args=[result_dossier.code]))
            .content.decode()
        )
        assert self.url(survey, result_dossier) in html
        event = result_dossier.events.get(to_status="result_ready")
        _subject, body = messages.render(Topic.RESULT_READY, "email", event)
        assert self.url(survey, result_dossier) in body
        assert (
            self.url(survey, result_dossier) in messages.render(Topic.RESULT_READY, "sms", event)[1]
        )

    def test_once_answered_the_dossier_page_stops_inviting(
        self, as_user, people, survey, result_dossier
    ):
        services.answer_survey(
            survey,
            channel=SurveyChannel.RESULT,
            unit=result_dossier.receiving_unit,
            answers=answers_for(survey),
            dossier=result_dossier,
        )
        html = (
            as_user(people.citizen_a)
            .get(reverse("portal:dossier", args=[result_dossier.code]))
            .content.decode()
        )
        assert self.url(survey, result_dossier) not in html


class TestBySms:
    def test_one_link_per_phone_through_the_outbox(self, people, survey, result_dossier, walk_in):
        sent = services.invite_by_sms(survey, actor=people.manager)
        assert sent == 1
        delivery = Delivery.objects.get(topic=Topic.SURVEY_INVITATION)
        assert delivery.channel == "sms" and delivery.event is None
        assert delivery.recipient == "".join(result_dossier.applicant_phone.split())
        invitation = survey.invitations.get()
        assert services.sms_token(invitation) in delivery.body
        # A second run reaches only the phones not invited yet.
        assert services.invite_by_sms(survey, actor=people.manager) == 0

    def test_the_token_answers_once(self, client, people, survey, result_dossier):
        services.invite_by_sms(survey, actor=people.manager)
        token = services.sms_token(survey.invitations.get())
        url = reverse("feedback:surveys:sms", args=[survey.code, token])
        assert client.get(url).status_code == 200
        assert client.post(url, post_data(survey)).status_code == 302
        again = client.post(url, post_data(survey))
        assert again.status_code == 409
        assert "mỗi đường dẫn chỉ trả lời một lần" in again.content.decode()
        assert counts(survey)[SurveyChannel.SMS] == 1
        rate = next(r for r in results.build(survey).rates if r.channel == SurveyChannel.SMS)
        assert (rate.reached, rate.rate) == (1, 100.0)

    def test_a_forged_token_or_one_of_another_campaign_is_not_found(
        self, client, people, survey, make_survey, result_dossier
    ):
        services.invite_by_sms(survey, actor=people.manager)
        token = services.sms_token(survey.invitations.get())
        other = make_survey("ks-khac")
        assert (
            client.get(reverse("feedback:surveys:sms", args=[other.code, token])).status_code == 404
        )
        forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        assert (
            client.get(reverse("feedback:surveys:sms", args=[survey.code, forged])).status_code
            == 404
        )

    def test_the_sms_answer_and_the_dossier_answer_are_one(
        self, as_user, people, survey, result_dossier
    ):
        services.invite_by_sms(survey, actor=people.manager)
        services.answer_survey(
            survey,
            channel=SurveyChannel.SMS,
            unit=result_dossier.receiving_unit,
            answers=answers_for(survey),
            invitation=survey.invitations.get(),
        )
        page = as_user(people.citizen_a).post(
            reverse("feedback:surveys:dossier", args=[survey.code, result_dossier.code]),
            post_data(survey),
        )
        assert page.status_code == 409
        assert SurveyResponse.objects.count() == 1


class TestAtTheCounter:
    def url(self, survey, tree):
        return reverse("feedback:surveys:counter", args=[survey.code, tree.commune_x.code])

    def _visit(self, page):
        html = page.content.decode()
        return html.split('name="visit" value="')[1].split('"')[0]

    def test_one_answer_per_visit_and_a_pause_between_two(self, client, survey, tree):
        page = client.get(self.url(survey, tree))
        assert page.status_code == 200
        data = post_data(survey) | {"visit": self._visit(page)}
        assert client.post(self.url(survey, tree), data).status_code == 302
        again = client.post(self.url(survey, tree), data)
        assert again.status_code == 409
        assert counts(survey)[SurveyChannel.COUNTER] == 1

    def test_the_same_visit_is_refused_even_after_the_pause(self, client, survey, tree):
        visit = services.new_visit(survey, tree.commune_x)
        nonce = services.check_visit(survey, tree.commune_x, visit)
        kwargs = dict(channel=SurveyChannel.COUNTER, unit=tree.commune_x, visit=nonce)
        services.answer_survey(survey, answers=answers_for(survey), **kwargs)
        with pytest.raises(RuleViolation):
            services.answer_survey(survey, answers=answers_for(survey), **kwargs)
        assert SurveyResponse.objects.count() == 1

    def test_a_forged_visit_or_an_uncovered_unit_is_refused(self, client, survey, tree):
        data = post_data(survey) | {"visit": "forged"}
        assert client.post(self.url(survey, tree), data).status_code == 409
        other = reverse("feedback:surveys:counter", args=[survey.code, tree.commune_y.code])
        assert client.get(other).status_code == 404
        assert not SurveyResponse.objects.exists()


class TestRefusals:
    def kwargs(self, survey, tree):
        return dict(channel=SurveyChannel.COUNTER, unit=tree.commune_x, answers=answers_for(survey))

    def test_before_and_after_the_period(self, survey, tree):
        with pytest.raises(RuleViolation, match="bắt đầu nhận ý kiến từ ngày 01/03/2026"):
            services.answer_survey(survey, at=vn(2026, 2, 28, 9, 0), **self.kwargs(survey, tree))
        late = survey.ends_on + datetime.timedelta(days=1)
        with pytest.raises(RuleViolation, match="đã kết thúc ngày"):
            services.answer_survey(
                survey, at=vn(late.year, late.month, late.day, 9, 0), **self.kwargs(survey, tree)
            )
        assert not SurveyResponse.objects.exists()

    def test_an_expired_campaign_says_so_on_its_page(self, client, make_survey, tree):
        old = make_survey("ks-cu", ends_on=datetime.date(2026, 3, 31))
        page = client.get(reverse("feedback:surveys:counter", args=[old.code, tree.commune_x.code]))
        assert "đã kết thúc ngày 31/03/2026" in page.content.decode()
        assert 'name="visit"' not in page.content.decode()

    def test_closed_early(self, people, survey, tree):
        services.close_survey(survey, actor=people.manager)
        survey.refresh_from_db()
        with pytest.raises(RuleViolation, match="đã kết thúc"):
            services.answer_survey(survey, **self.kwargs(survey, tree))

    def test_a_channel_the_campaign_does_not_use(self, make_survey, tree):
        only_counter = make_survey("ks-quay", channels=[SurveyChannel.COUNTER])
        with pytest.raises(RuleViolation, match="không nhận ý kiến qua kênh này"):
            services.answer_survey(
                only_counter,
                channel=SurveyChannel.SMS,
                unit=tree.commune_x,
                answers=answers_for(only_counter),
            )

    def test_no_edit_once_answered_only_closing(self, people, survey, tree):
        fields = dict(
            actor=people.manager,
            title="Đổi tên",
            units=[tree.commune_x],
            starts_on=survey.starts_on,
            ends_on=survey.ends_on,
            channels=survey.channels,
            questions=QUESTIONS,
        )
        services.update_survey(survey, **fields)  # nobody answered yet
        services.answer_survey(survey, **self.kwargs(survey, tree))
        with pytest.raises(RuleViolation, match="chỉ có thể kết thúc sớm"):
            services.update_survey(survey, **fields)
        services.close_survey(survey, actor=people.manager)

    def test_a_manager_of_another_unit_cannot_run_one_for_it(self, make_survey, managers, tree):
        with pytest.raises(NotPermitted):
            make_survey("ks-y", actor=managers["y"], agency=tree.commune_x)

    def test_covered_units_stay_in_the_organiser_subtree(self, make_survey, managers, tree):
        with pytest.raises(RuleViolation, match="ngoài phạm vi"):
            services.create_survey(
                actor=managers["y"],
                code="ks-y",
                title="Y",
                agency=tree.commune_y,
                units=[tree.commune_x],
                starts_on=datetime.date(2026, 3, 1),
                ends_on=datetime.date(2026, 3, 31),
                channels=["counter"],
                questions=QUESTIONS,
            )


class TestApartFromRatings:
    def test_answers_leave_ratings_and_the_satisfaction_indicators_unchanged(
        self, people, survey, tree, result_dossier
    ):
        rate_dossier(result_dossier, actor=people.citizen_a, level=Level.SATISFIED, answers=ANSWERS)
        march = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))

        def satisfaction():
            index = index_766(tree.province, march)
            return [
                (i, index.indicator(i).numerator, index.indicator(i).denominator)
                for i in ("5.1", "5.2", "5.3", "5.4")
            ]

        before = satisfaction()
        ratings = list(Rating.objects.values_list("pk", "level", "points"))
        services.answer_survey(
            survey,
            channel=SurveyChannel.RESULT,
            unit=tree.commune_x,
            answers=answers_for(survey, points=1, text="Rất chậm"),
            dossier=result_dossier,
            at=vn(2026, 3, 10, 9, 0),
        )
        for _ in range(3):
            services.answer_survey(
                survey,
                channel=SurveyChannel.COUNTER,
                unit=tree.commune_x,
                answers=answers_for(survey, points=1),
                at=vn(2026, 3, 10, 9, 0),
            )
        assert satisfaction() == before
        assert list(Rating.objects.values_list("pk", "level", "points")) == ratings


class TestResults:
    def test_counts_per_question_and_unit(self, survey, tree):
        for choice, points in [(0, 5), (1, 4), (1, 2)]:
            services.answer_survey(
                survey,
                channel=SurveyChannel.COUNTER,
                unit=tree.commune_x,
                answers=answers_for(survey, choice=choice, points=points),
            )
        built = results.build(survey)
        single, multiple, scale, text = built.questions
        assert single.counts == [1, 2]
        assert multiple.counts == [3, 0, 3]
        assert scale.counts == [0, 1, 0, 1, 1] and scale.average == pytest.approx(3.67)
        assert text.chart == "" and "<svg" in scale.chart
        assert built.by_unit[0][1][SurveyChannel.COUNTER] == 3 and built.total == 3
