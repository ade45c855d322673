"""A campaign of the province covering commune X through all three channels, from 01/03/2026 to a
month after today, and the people around it."""

import datetime

import pytest
from django.utils import timezone

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.feedback.surveys import services
from motcua.feedback.surveys.constants import QuestionKind, SurveyChannel
from motcua.feedback.tests.conftest import (  # noqa: F401  (fixtures)
    applicant,
    form_component,
    open_dossier,
    result_dossier,
    version,
    vn,
    walk_in,
)

QUESTIONS = [
    services.QuestionInput(
        QuestionKind.SINGLE, "Bạn nộp hồ sơ qua kênh nào?", ["Tại quầy", "Trực tuyến"]
    ),
    services.QuestionInput(
        QuestionKind.MULTIPLE, "Điều gì cần cải thiện?", ["Thời gian", "Thái độ", "Chỉ dẫn"], False
    ),
    services.QuestionInput(QuestionKind.SCALE, "Mức độ hài lòng chung", []),
    services.QuestionInput(QuestionKind.TEXT, "Ý kiến khác", [], False),
]
START = datetime.date(2026, 3, 1)


@pytest.fixture
def managers(tree):
    """A manager of commune X, one of commune Y (a sibling), besides the province's."""
    return {
        "x": make_officer("Trịnh Văn Khoa", unit=tree.commune_x, role=Role.MANAGER),
        "y": make_officer("Lý Thị Mai", unit=tree.commune_y, role=Role.MANAGER),
    }


@pytest.fixture
def make_survey(tree, people):
    def make(code="ks-x", *, actor=None, agency=None, channels=None, starts_on=START, ends_on=None):
        return services.create_survey(
            actor=actor or people.manager,
            code=code,
            title="Khảo sát mức độ hài lòng quý I",
            agency=agency or tree.province,
            units=[tree.commune_x],
            starts_on=starts_on,
            ends_on=ends_on or timezone.localdate() + datetime.timedelta(days=30),
            channels=channels or SurveyChannel.values,
            questions=QUESTIONS,
            at=vn(2026, 3, 1, 8, 0),
        )

    return make


@pytest.fixture
def survey(make_survey):
    return make_survey()


def answers_for(survey, *, choice=0, points=4, text=""):
    q = list(survey.questions.all())
    return {q[0].pk: [choice], q[1].pk: [0, 2], q[2].pk: points, q[3].pk: text}


def post_data(survey, *, choice=0, points=4):
    q = list(survey.questions.all())
    return {
        f"q{q[0].pk}": str(choice),
        f"q{q[1].pk}": ["0", "2"],
        f"q{q[2].pk}": str(points),
        f"q{q[3].pk}": "Cảm ơn",
    }
