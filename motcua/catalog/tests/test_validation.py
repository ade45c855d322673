from decimal import Decimal

import pytest

from motcua.catalog import services
from motcua.catalog.tests import factories
from motcua.catalog.validation import process_duration, to_working_hours
from motcua.worktime.constants import DurationUnit

pytestmark = pytest.mark.django_db

PUBLICATION = {"decision_number": "1/QĐ-UBND"}


def problems_for(parts, **kwargs):
    version = factories.draft("1.001193", parts_data=parts, **kwargs)
    return [
        p
        for p in services.validate_version(version)
        if "quyết định" not in p and "hiệu lực" not in p
    ]


def test_a_complete_version_has_no_problem():
    assert problems_for(factories.parts()) == []


def test_working_days_count_eight_working_hours():
    assert to_working_hours(Decimal("1.5"), DurationUnit.WORKING_DAYS) == 12
    assert to_working_hours(Decimal(3), DurationUnit.WORKING_HOURS) == 3
    assert to_working_hours(Decimal(3), DurationUnit.CALENDAR_DAYS) is None


def test_step_quotas_must_add_up_to_the_processing_time_of_each_channel():
    parts = factories.parts(days=3, step_hours=(2, 14, 4, 2, 2))
    assert problems_for(parts) == []

    parts = factories.parts(days=3, step_hours=(2, 10, 4, 2, 2))
    found = problems_for(parts)
    assert found == [
        "Quy trình “Quy trình chung”, kênh Trực tiếp: tổng thời gian các bước là 20 giờ làm "
        "việc, khác thời hạn giải quyết 3 ngày làm việc = 24 giờ làm việc.",
        "Quy trình “Quy trình chung”, kênh Trực tuyến: tổng thời gian các bước là 20 giờ làm "
        "việc, khác thời hạn giải quyết 3 ngày làm việc = 24 giờ làm việc.",
    ]


def test_a_channel_with_its_own_time_needs_its_own_process():
    parts = factories.parts(days=3, step_hours=(2, 14, 4, 2, 2))
    parts["channels"][1]["processing_time"] = {"amount": 2, "unit": "working_days"}
    found = problems_for(parts)
    assert len(found) == 1 and "kênh Trực tuyến" in found[0] and "2 ngày làm việc" in found[0]

    online = {
        "name": "Trực tuyến",
        "channel": "online",
        "steps": factories.steps(2, 6, 4, 2, 2),
    }
    parts["processes"].append(online)
    parts["processes"][0]["channel"] = "direct"
    assert problems_for(parts) == []


def test_parallel_steps_count_once_for_their_longest_member():
    steps = factories.steps(2, 4, 2, 16, 12, stages=[1, 2, 3, 4, 4])
    for step in steps[3:]:
        step.update(unit="partner_agency", role="", agency_name="Công an cấp xã")
    parts = factories.parts(days=3)
    parts["processes"][0].update(steps=steps, coordination="parallel", lead_agency_name="UBND xã")
    assert problems_for(parts) == []


def test_applicant_steps_are_outside_the_deadline():
    steps = factories.steps(1, 4, 2, Decimal("0.5"), Decimal("0.5"))
    steps.insert(
        0,
        {
            "stage": 1,
            "name": "Người dân kê khai",
            "unit": "applicant",
            "quota": {"amount": 40, "unit": "working_hours"},
        },
    )
    for order, step in enumerate(steps, start=1):
        step["stage"] = order
    parts = factories.parts()
    parts["processes"][0]["steps"] = steps
    assert problems_for(parts) == []


def test_calendar_units_are_compared_only_with_the_same_unit():
    parts = factories.parts(days=15, unit="calendar_days")
    for step in parts["processes"][0]["steps"]:
        step["quota"] = {"amount": 3, "unit": "calendar_days"}
    assert problems_for(parts) == []

    parts["processes"][0]["steps"][0]["quota"] = {"amount": 8, "unit": "working_hours"}
    (problem,) = problems_for(parts)
    assert "dùng lẫn đơn vị" in problem

    steps = parts["processes"][0]["steps"]
    for step in steps:
        step["quota"] = {"amount": 24, "unit": "working_hours"}
    (problem,) = problems_for(parts)[:1]
    assert "không so sánh được" in problem


def test_process_duration_reports_mixed_units():
    class Step:
        def __init__(self, stage, amount, unit):
            self.stage, self.quota_amount, self.quota_unit, self.unit = stage, amount, unit, "desk"

    assert process_duration([Step(1, 8, "working_hours"), Step(2, 1, "working_days")]) == (
        16,
        "working_hours",
    )
    assert process_duration([Step(1, 8, "working_hours"), Step(2, 1, "calendar_days")]) is None


def test_missing_mandatory_components_are_listed():
    parts = factories.parts()
    parts["components"] = []
    parts["agencies"] = []
    parts["processes"] = []
    version = factories.draft(
        "1.001193", parts_data=parts, sequence="", result_name="", subjects=[]
    )
    found = services.validate_version(version)
    for expected in (
        "Chưa có trình tự thực hiện.",
        "Chưa có tên kết quả thực hiện.",
        "Chưa có đối tượng thực hiện.",
        "Chưa có cơ quan thực hiện.",
        "Chưa có thành phần hồ sơ.",
        "Chưa có quy trình nội bộ.",
        "Chưa có ngày bắt đầu hiệu lực.",
        "Chưa có số quyết định công bố.",
        "Chưa có ngày quyết định công bố.",
    ):
        assert expected in found


def test_component_and_step_details_are_checked():
    parts = factories.parts()
    parts["components"] = [
        {"name": "Giấy chứng sinh", "originals": 0, "copies": 0},
        {"name": "Giấy tờ khác", "originals": 1, "requirement": "conditional"},
        {"name": "Căn cước", "originals": 1, "source": "national_database"},
    ]
    parts["processes"][0]["steps"][1].update(role="")
    parts["processes"][0]["steps"][2].update(unit="partner_agency", role="")
    found = problems_for(parts)
    assert "Thành phần “Giấy chứng sinh” chưa ghi số bản chính, bản sao." in found
    assert "Thành phần “Giấy tờ khác” là trường hợp nhưng chưa ghi trường hợp nào." in found
    assert "Thành phần “Căn cước” khai thác từ cơ sở dữ liệu nhưng chưa ghi cơ sở dữ liệu." in found
    assert "Quy trình “Quy trình chung”, bước 2: chưa chọn vai trò cán bộ." in found
    assert (
        "Quy trình “Quy trình chung”, bước 3: bước liên thông phải ghi cơ quan thực hiện." in found
    )


def test_online_level_must_match_the_channels():
    parts = factories.parts(channels=("direct",))
    assert (
        "Thủ tục có dịch vụ công trực tuyến nhưng chưa có cách thức thực hiện trực tuyến."
        in problems_for(parts, online_level="partial")
    )
    parts = factories.parts(channels=("direct", "online"))
    assert (
        "Có cách thức thực hiện trực tuyến nhưng mức độ DVC là “không cung cấp”."
        in problems_for(parts, online_level="none")
    )
