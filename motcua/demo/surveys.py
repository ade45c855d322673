"""A citizen survey of the demo (docs/surveys.md): Phường Xuân Hương - Đà Lạt asks about its
one-stop desk from a month ago to a month ahead through the three channels, with a few answers
at the counter and after results, so the results page has something to show. Created once,
through the survey services, by the ward's manager."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.feedback.models import Survey
from motcua.feedback.surveys import services
from motcua.feedback.surveys.constants import QuestionKind, SurveyChannel
from motcua.feedback.surveys.services import QuestionInput, finished_dossiers

CODE = "ks-xuanhuong-demo"
WARD = "000.00.31.H36"  # Phường Xuân Hương - Đà Lạt
MANAGER = "xuanhuong.thongke"
QUESTIONS = [
    QuestionInput(
        QuestionKind.SINGLE,
        "Bạn biết đến thủ tục qua đâu?",
        ["Cổng dịch vụ công", "Cán bộ hướng dẫn", "Người quen", "Khác"],
    ),
    QuestionInput(QuestionKind.SCALE, "Bạn hài lòng thế nào với thái độ của cán bộ?", []),
    QuestionInput(QuestionKind.SCALE, "Bạn hài lòng thế nào với thời gian giải quyết?", []),
    QuestionInput(
        QuestionKind.MULTIPLE,
        "Điều gì nên cải thiện?",
        ["Chỗ ngồi chờ", "Biểu mẫu", "Hướng dẫn trực tuyến", "Giờ làm việc"],
        False,
    ),
    QuestionInput(QuestionKind.TEXT, "Góp ý khác của bạn", [], False),
]
REMARKS = ["", "", "Cán bộ nhiệt tình.", "Nên có thêm ghế chờ.", "", "Trang web hơi khó dùng."]


def load_survey() -> Survey | None:
    """Create the demo campaign and its answers once; None without the demo province."""
    existing = Survey.objects.filter(code=CODE).first()
    ward = Agency.objects.filter(code=WARD).first()
    manager = User.objects.filter(username=MANAGER).first()
    if existing is not None or ward is None or manager is None:
        return existing
    today = timezone.localdate()
    survey = services.create_survey(
        actor=manager,
        code=CODE,
        title="Khảo sát mức độ hài lòng tại Bộ phận Một cửa phường Xuân Hương",
        intro="Mời bạn dành một phút cho biết cảm nhận về việc giải quyết thủ tục tại phường.",
        agency=ward,
        units=[ward],
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=30),
        channels=SurveyChannel.values,
        questions=QUESTIONS,
    )
    rng = random.Random(2026)  # noqa: S311 (demo answers, reproducible, not a secret)
    questions = list(survey.questions.all())

    def answers() -> dict:
        return {
            questions[0].pk: [rng.randrange(4)],
            questions[1].pk: rng.choice([3, 4, 4, 5, 5]),
            questions[2].pk: rng.choice([2, 3, 4, 4, 5]),
            questions[3].pk: sorted(rng.sample(range(4), rng.randrange(3))),
            questions[4].pk: rng.choice(REMARKS),
        }

    for dossier in finished_dossiers(survey, timezone.now()).filter(applicant__isnull=False)[:1]:
        services.answer_survey(
            survey, channel=SurveyChannel.RESULT, unit=ward, answers=answers(), dossier=dossier
        )
    for _ in range(7):
        nonce = services.check_visit(survey, ward, services.new_visit(survey, ward))
        services.answer_survey(
            survey, channel=SurveyChannel.COUNTER, unit=ward, answers=answers(), visit=nonce
        )
    return survey
