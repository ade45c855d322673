"""Rating and feedback within reach: the call to rate on the citizen's finished dossier (its page
and the list), and the procedure of a feedback chosen from the catalogue by searching, not typed
as a code."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.feedback import services
from motcua.feedback.constants import Level

from .conftest import ANSWERS

pytestmark = pytest.mark.django_db
CTA = "Đánh giá mức độ hài lòng"


class TestTheCallToRate:
    def test_the_finished_dossier_page_invites_its_applicant(self, as_user, people, result_dossier):
        page = as_user(people.citizen_a).get(reverse("portal:dossier", args=[result_dossier.code]))
        html = page.content.decode()
        assert CTA in html
        assert reverse("feedback:rate", args=[result_dossier.code]) in html
        assert f"{reverse('feedback:submit')}?dossier={result_dossier.code}" in html

    def test_the_list_links_the_dossiers_waiting_for_a_rating(
        self, as_user, people, result_dossier, walk_in
    ):
        open_one = walk_in()
        html = as_user(people.citizen_a).get(reverse("portal:dossiers")).content.decode()
        assert reverse("feedback:rate", args=[result_dossier.code]) in html
        assert reverse("feedback:rate", args=[open_one.code]) not in html

    def test_no_invitation_before_the_result(self, as_user, people, open_dossier):
        page = as_user(people.citizen_a).get(reverse("portal:dossier", args=[open_dossier.code]))
        assert reverse("feedback:rate", args=[open_dossier.code]) not in page.content.decode()

    def test_once_rated_the_page_says_so_instead(self, as_user, people, result_dossier):
        services.rate_dossier(
            result_dossier, actor=people.citizen_a, level=Level.SATISFIED, answers=ANSWERS
        )
        citizen = as_user(people.citizen_a)
        html = citizen.get(reverse("portal:dossier", args=[result_dossier.code])).content.decode()
        assert reverse("feedback:rate", args=[result_dossier.code]) not in html
        assert "Bạn đã đánh giá hồ sơ này “Hài lòng”" in html
        listing = citizen.get(reverse("portal:dossiers")).content.decode()
        assert reverse("feedback:rate", args=[result_dossier.code]) not in listing

    def test_the_list_asks_for_ratings_in_one_query(self, as_user, people, result_dossier, walk_in):
        citizen = as_user(people.citizen_a)
        for _ in range(3):
            walk_in()
        with CaptureQueriesContext(connection) as queries:
            citizen.get(reverse("portal:dossiers"))
        assert sum("feedback_rating" in q["sql"] for q in queries.captured_queries) == 1

    def test_other_people_see_no_invitation(self, as_user, people, result_dossier):
        url = reverse("portal:dossier", args=[result_dossier.code])
        assert as_user(people.citizen_b).get(url).status_code == 404


class TestChoosingTheProcedure:
    def test_search_then_choose_without_javascript(self, client, procedure, version):
        url = reverse("feedback:submit")
        first = client.get(url).content.decode()
        assert 'name="q"' in first and 'type="search"' in first
        results = client.get(url, {"q": "thu nghiem"}).content.decode()
        choice = f"{url}?procedure={procedure.code}"
        assert choice in results and version.name in results
        form = client.get(choice)
        assert form.status_code == 200 and "Cơ quan được phản ánh" in form.content.decode()

    def test_the_live_search_gets_the_results_alone(self, client, procedure):
        partial = client.get(reverse("feedback:submit"), {"q": "thử nghiệm", "partial": "1"})
        html = partial.content.decode()
        assert f"?procedure={procedure.code}" in html
        assert "<html" not in html and "<form" not in html

    def test_nothing_found_says_so(self, client, version):
        html = client.get(reverse("feedback:submit"), {"q": "hộ chiếu"}).content.decode()
        assert "Không tìm thấy thủ tục nào" in html

    def test_the_page_loads_the_enhancement_script(self, client, version):
        html = client.get(reverse("feedback:submit")).content.decode()
        assert "live-search.js" in html and 'data-live-search="procedure-results"' in html


def test_the_rating_form_itself_is_unchanged_by_the_invitation(as_user, people, result_dossier):
    citizen = as_user(people.citizen_a)
    post = {"level": "satisfied", **{f"c_{k}": v for k, v in ANSWERS.items()}, "comment": ""}
    assert (
        citizen.post(reverse("feedback:rate", args=[result_dossier.code]), post).status_code == 302
    )
    html = citizen.get(reverse("portal:dossier", args=[result_dossier.code])).content.decode()
    assert "Bạn đã đánh giá" in html


def test_the_procedure_page_and_the_answers_lead_to_feedback(client, procedure, version):
    page = client.get(reverse("portal:procedures:detail", args=[procedure.code])).content.decode()
    assert f"{reverse('feedback:submit')}?procedure={procedure.code}" in page
    answers = client.get(reverse("feedback:published")).content.decode()
    assert reverse("feedback:track_lookup") in answers
