"""The national criteria set of TT 01/2018/TT-VPCP Art. 13 (the four indices a citizen answers
per dossier, Art. 14) and the practice limits of feedback handling (domain.md §12.3)."""

import datetime

from django.db import migrations

TT01_CRITERIA = [
    (
        1,
        "index_1",
        "Tổng thời gian giải quyết hồ sơ so với thời hạn theo quy định?",
        [
            ("2", "Sớm hơn quy định", 2),
            ("1", "Đúng quy định", 1),
            ("0", "Muộn hơn quy định", 0),
        ],
    ),
    (
        3,
        "index_3",
        "Số lần ông/bà phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ?",
        [
            ("2", "Không phải liên hệ lần nào", 2),
            ("1", "Một lần", 1),
            ("0", "Nhiều hơn một lần (không do lỗi của người nộp)", 0),
        ],
    ),
    (
        4,
        "index_4",
        "Số cơ quan, đơn vị ông/bà phải liên hệ để hoàn thiện hồ sơ?",
        [
            ("2", "Không phải liên hệ cơ quan nào", 2),
            ("1", "Chỉ liên hệ Bộ phận Một cửa", 1),
            ("0", "Phải liên hệ nhiều cơ quan, đơn vị", 0),
        ],
    ),
    (
        7,
        "index_7",
        "Tinh thần, thái độ phục vụ của cán bộ, công chức?",
        [
            ("2", "Trả kết quả trước hạn, không có phản ánh, kiến nghị", 2),
            ("1", "Trả kết quả đúng hạn, không có phản ánh, kiến nghị", 1),
            ("0", "Có phản ánh, kiến nghị về cán bộ, công chức", 0),
        ],
    ),
]


def seed(apps, schema_editor):
    CriteriaSet = apps.get_model("feedback", "CriteriaSet")
    Criterion = apps.get_model("feedback", "Criterion")
    FeedbackRules = apps.get_model("feedback", "FeedbackRules")
    criteria_set, created = CriteriaSet.objects.get_or_create(
        code="TT01-2018",
        defaults={
            "name": "Bộ chỉ số đánh giá theo Thông tư 01/2018/TT-VPCP (Điều 13, chỉ số 1, 3, 4, 7)",
            "scale": "three_levels",
            "valid_from": datetime.date(2019, 1, 6),
        },
    )
    if created:
        for order, (number, code, question, options) in enumerate(TT01_CRITERIA, start=1):
            Criterion.objects.create(
                criteria_set=criteria_set,
                order=order,
                code=code,
                index_number=number,
                question=question,
                options=[{"code": c, "label": label, "points": p} for c, label, p in options],
            )
    if not FeedbackRules.objects.exists():
        FeedbackRules.objects.create(
            name="Thời hạn xử lý phản ánh, kiến nghị trên Cổng DVCQG (thực tiễn)",
            valid_from=datetime.date(2019, 1, 6),
            refuse_days=2,
            supplement_days=5,
            answer_days=15,
            publish_days=2,
            count_from_next_day=True,
        )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
