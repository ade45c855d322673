"""The manager's pages: who reads a campaign's results (its unit's managers and their parents'),
who is refused (another unit's manager, a desk officer, a citizen, anonymous), creating one
through the form, editing refused once answered, and the exports."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.feedback.models import Survey
from motcua.feedback.surveys import services
from motcua.feedback.surveys.constants import SurveyChannel

from .conftest import QUESTIONS, answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(survey, tree):
    services.answer_survey(
        survey,
        channel=SurveyChannel.COUNTER,
        unit=tree.commune_x,
        answers=answers_for(survey, text="Nhanh, gọn"),
    )
    return survey


class TestWhoReadsResults:
    def test_the_unit_and_its_parent_managers(self, as_user, people, managers, make_survey, tree):
        own = make_survey("ks-xa", actor=managers["x"], agency=tree.commune_x)
        url = reverse("feedback:surveys:results", args=[own.code])
        assert as_user(managers["x"]).get(url).status_code == 200
        page = as_user(people.manager).get(url)
        assert page.status_code == 200
        assert own.title in page.content.decode()
        listing = as_user(people.manager).get(reverse("feedback:surveys:index")).content.decode()
        assert url in listing

    def test_others_are_refused(self, client, as_user, people, managers, make_survey, tree):
        own = make_survey("ks-xa", actor=managers["x"], agency=tree.commune_x)
        for name in ("results", "edit", "export"):
            args = [own.code, "csv"] if name == "export" else [own.code]
            url = reverse(f"feedback:surveys:{name}", args=args)
            assert as_user(managers["y"]).get(url).status_code == 404
            assert as_user(people.desk_x).get(url).status_code == 404
            assert as_user(people.citizen_a).get(url).status_code == 403
            client.logout()
            assert "/backoffice/login/" in client.get(url)["Location"]
        listing = as_user(managers["y"]).get(reverse("feedback:surveys:index")).content.decode()
        assert own.title not in listing
        assert as_user(people.desk_x).get(reverse("feedback:surveys:index")).status_code == 403
        close = reverse("feedback:surveys:close", args=[own.code])
        assert as_user(managers["y"]).post(close).status_code == 404
        own.refresh_from_db()
        assert own.closed_at is None


class TestACoveredUnitsManager:
    """The province runs the campaign over communes X and Y: commune X's manager reads X only."""

    @pytest.fixture
    def wide(self, people, tree):
        survey = services.create_survey(
            actor=people.manager,
            code="ks-tinh",
            title="Khảo sát toàn tỉnh",
            agency=tree.province,
            units=[tree.commune_x, tree.commune_y],
            starts_on=datetime.date(2026, 3, 1),
            ends_on=timezone.localdate() + datetime.timedelta(days=30),
            channels=[SurveyChannel.COUNTER],
            questions=QUESTIONS,
        )
        for unit, text in ((tree.commune_x, "Ý kiến về X"), (tree.commune_y, "Ý kiến về Y")):
            services.answer_survey(
                survey,
                channel=SurveyChannel.COUNTER,
                unit=unit,
                answers=answers_for(survey, text=text),
            )
        return survey

    def test_reads_its_own_unit_only(self, as_user, managers, tree, wide):
        client = as_user(managers["x"])
        url = reverse("feedback:surveys:results", args=[wide.code])
        html = client.get(url).content.decode()
        assert "Ý kiến về X" in html and "Ý kiến về Y" not in html
        assert "Kết thúc sớm" not in html
        assert client.get(url, {"unit": tree.commune_y.code}).status_code == 404
        csv = client.get(reverse("feedback:surveys:export", args=[wide.code, "csv"]))
        assert "Ý kiến về X" in csv.content.decode("utf-8-sig")
        assert "Ý kiến về Y" not in csv.content.decode("utf-8-sig")
        for name in ("edit", "close"):
            target = reverse(f"feedback:surveys:{name}", args=[wide.code])
            assert client.post(target).status_code == 404
        wide.refresh_from_db()
        assert wide.closed_at is None

    def test_the_organiser_reads_every_unit(self, as_user, people, wide):
        html = (
            as_user(people.manager)
            .get(reverse("feedback:surveys:results", args=[wide.code]))
            .content.decode()
        )
        assert "Ý kiến về X" in html and "Ý kiến về Y" in html


class TestTheForms:
    def test_create_through_the_page(self, as_user, managers, tree):
        data = {
            "code": "ks-moi",
            "title": "Khảo sát tháng 12",
            "intro": "",
            "agency": tree.commune_x.pk,
            "units": [tree.commune_x.pk],
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-31",
            "channels": ["counter", "result"],
            "q-TOTAL_FORMS": "2",
            "q-INITIAL_FORMS": "0",
            "q-MIN_NUM_FORMS": "0",
            "q-MAX_NUM_FORMS": "20",
            "q-0-kind": "scale",
            "q-0-text": "Hài lòng chung",
            "q-0-options": "",
            "q-0-required": "on",
            "q-1-kind": "single",
            "q-1-text": "",
            "q-1-options": "",
        }
        page = as_user(managers["x"]).post(reverse("feedback:surveys:create"), data)
        assert page.status_code == 302, page.content.decode()[:3000]
        survey = Survey.objects.get(code="ks-moi")
        assert [q.text for q in survey.questions.all()] == ["Hài lòng chung"]
        assert survey.agency == tree.commune_x

    def test_edit_is_refused_once_answered(self, as_user, people, answered):
        page = as_user(people.manager).get(reverse("feedback:surveys:edit", args=[answered.code]))
        assert page.status_code == 302
        results = as_user(people.manager).get(page["Location"]).content.decode()
        assert "chỉ có thể kết thúc sớm" in results

    def test_close_early(self, as_user, people, answered):
        page = as_user(people.manager).post(reverse("feedback:surveys:close", args=[answered.code]))
        assert page.status_code == 302
        answered.refresh_from_db()
        assert answered.closed_at is not None


class TestExports:
    def test_csv_and_xlsx(self, as_user, people, answered):
        client = as_user(people.manager)
        csv = client.get(reverse("feedback:surveys:export", args=[answered.code, "csv"]))
        assert csv.status_code == 200
        text = csv.content.decode("utf-8-sig")
        assert "Nhanh, gọn" in text and "Tại quầy" in text
        xlsx = client.get(reverse("feedback:surveys:export", args=[answered.code, "xlsx"]))
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
        assert (
            client.get(reverse("feedback:surveys:export", args=[answered.code, "pdf"])).status_code
            == 404
        )

    def test_results_page_draws_the_charts(self, as_user, people, answered):
        html = (
            as_user(people.manager)
            .get(reverse("feedback:surveys:results", args=[answered.code]))
            .content.decode()
        )
        assert html.count("<svg") == 3  # single, multiple and scale questions; text has none
        assert "Nhanh, gọn" in html
