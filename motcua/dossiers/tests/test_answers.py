"""The form's answers in the dossier services: checked by the one validator at every intake
(online, walk-in), a VNeID-verified applicant not asked for what the population database holds,
the desk's correction before acceptance recorded field by field, and the export."""

import datetime

import pytest

from motcua.accounts.tests.factories import make_citizen
from motcua.audit.models import AuditEntry
from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.constants import Action, Status
from motcua.dossiers.errors import NotPermitted, RuleViolation, TransitionNotAllowed
from motcua.dossiers.export import record
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import Applicant, ComponentInput

from .conftest import BIRTH_ANSWERS, vn

pytestmark = pytest.mark.django_db
AT = vn(2026, 3, 2, 9, 0)


def _papers(version, user, *, identity=False):
    names = ["Tờ khai"] + (["Giấy tờ tùy thân của người yêu cầu"] if identity else [])
    items = []
    for name in names:
        stored = store_file(b"%PDF-1.4 x", name="giay.pdf", content_type="application/pdf")
        items.append(
            ComponentInput(name=name, component=version.components.get(name=name), files=[stored])
        )
    return items


@pytest.fixture
def file_birth(birth_version, tree, people):
    def make(user=None, answers=None, identity=True, **overrides):
        user = user or people.citizen_a
        kwargs = {
            "actor": user,
            "procedure_version": birth_version,
            "receiving_unit": tree.commune_x,
            "resolving_agency": tree.commune_x,
            "components": _papers(birth_version, user, identity=identity),
            "form_data": {"fields": BIRTH_ANSWERS if answers is None else answers},
            "at": AT,
        }
        return services.submit_online(**(kwargs | overrides))

    return make


def test_online_answers_are_checked_and_kept_clean(file_birth):
    dossier = file_birth(answers=BIRTH_ANSWERS | {"ngay_sinh": "20/02/2026", "so_ban": "2"})
    assert dossier.form_data["fields"]["ngay_sinh"] == "2026-02-20"
    assert dossier.form_data["fields"]["so_ban"] == 2


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (BIRTH_ANSWERS | {"ngay_sinh": "2026-03-05"}, "không được sau ngày hôm nay (02/03/2026)"),
        (BIRTH_ANSWERS | {"ngay_sinh": "1985-01-01"}, "không được trước “Ngày sinh của mẹ”"),
        ({k: v for k, v in BIRTH_ANSWERS.items() if k != "gioi_tinh"}, "Chưa nhập “Giới tính”"),
    ],
)
def test_online_submission_with_impossible_answers_is_refused_and_nothing_is_saved(
    file_birth, answers, message
):
    with pytest.raises(RuleViolation) as info:
        file_birth(answers=answers)
    assert any(message in m and m.startswith("Tờ khai chưa đúng: ") for m in info.value.messages)
    assert not Dossier.objects.exists()


def test_the_walk_in_receipt_needs_the_whole_form_and_the_same_rules(birth_version, tree, people):
    walk_in = {
        "actor": people.desk_x,
        "procedure_version": birth_version,
        "receiving_unit": tree.commune_x,
        "resolving_agency": tree.commune_x,
        "applicant": Applicant(name="Nguyễn Văn An", birth_date=datetime.date(1980, 5, 17)),
        "components": _papers(birth_version, None, identity=True),
        "at": AT,
    }
    with pytest.raises(RuleViolation) as info:
        services.receive(**walk_in)
    assert "Tờ khai chưa đúng: Chưa nhập “Họ, chữ đệm, tên của trẻ”." in info.value.messages
    with pytest.raises(RuleViolation) as info:
        services.receive(
            **walk_in,
            form_data={"fields": BIRTH_ANSWERS | {"ngay_sinh": "1979-12-31", "ngay_sinh_me": ""}},
        )
    assert "ngày sinh của người nộp hồ sơ (17/05/1980)" in info.value.messages[0]
    dossier = services.receive(**walk_in, form_data={"fields": BIRTH_ANSWERS})
    assert dossier.form_data["fields"]["ho_ten_tre"] == "Nguyễn Minh Khang"
    # Guidance before receipt keeps what was typed, complete or not.
    guided = services.request_intake_supplement(
        None,
        items=[{"name": "Giấy chứng sinh", "reason": "Chưa có"}],
        **(walk_in | {"form_data": {"fields": {"ho_ten_tre": "Nguyễn Minh Khang"}}}),
    )
    assert guided.form_data["fields"] == {"ho_ten_tre": "Nguyễn Minh Khang"}


def test_a_vneid_verified_citizen_need_not_give_the_identity_paper(file_birth, people):
    with pytest.raises(RuleViolation) as info:
        file_birth(identity=False)
    assert "Giấy tờ tùy thân của người yêu cầu" in info.value.messages[0]
    verified = make_citizen(
        "Phạm Thị Diệu", date_of_birth=datetime.date(2001, 9, 30), vneid_verified=True
    )
    dossier = file_birth(user=verified, identity=False)
    assert dossier.vneid_verified and dossier.status == Status.SUBMITTED


# The desk's correction --------------------------------------------------------------------


def test_the_desk_corrects_an_answer_with_a_reason_and_the_history_keeps_old_and_new(
    file_birth, people
):
    dossier = file_birth()
    before = dossier.version
    corrected = services.correct_answers(
        dossier,
        actor=people.desk_x,
        answers_given={
            "gioi_tinh": "nu",
            "ngay_sinh": "21/02/2026",
            "ho_ten_tre": "Nguyễn Minh Khang",
        },
        reason="Sửa theo Giấy chứng sinh",
        expected_version=before,
        at=AT,
    )
    assert corrected.status == Status.SUBMITTED and corrected.version == before + 1
    assert corrected.form_data["fields"]["gioi_tinh"] == "nu"
    assert corrected.form_data["fields"]["ngay_sinh"] == "2026-02-21"
    event = corrected.events.get(action=Action.CORRECT_ANSWERS)
    assert event.actor == people.desk_x and event.reason == "Sửa theo Giấy chứng sinh"
    assert [(c["label"], c["old"], c["new"]) for c in event.data["changes"]] == [
        ("Ngày sinh của trẻ", "20/02/2026", "21/02/2026"),
        ("Giới tính", "Nam", "Nữ"),
    ]
    assert AuditEntry.objects.filter(
        object_id=str(dossier.pk), verb=Action.CORRECT_ANSWERS, reason="Sửa theo Giấy chứng sinh"
    ).exists()
    # A blank answer clears an optional field.
    cleared = services.correct_answers(
        corrected,
        actor=people.desk_x,
        answers_given={"ho_ten_me": ""},
        reason="Người nộp đề nghị",
        at=AT,
    )
    assert "ho_ten_me" not in cleared.form_data["fields"]


@pytest.mark.parametrize(
    ("given", "reason", "error", "message"),
    [
        ({"gioi_tinh": "nu"}, " ", RuleViolation, "Hãy ghi lý do sửa thông tin tờ khai."),
        ({"ngay_sinh": "2026-03-09"}, "Sai", RuleViolation, "không được sau ngày hôm nay"),
        ({"ho_ten_tre": ""}, "Sai", RuleViolation, "Chưa nhập “Họ, chữ đệm, tên của trẻ”"),
        ({"gioi_tinh": "nam"}, "Sai", RuleViolation, "không có gì thay đổi"),
    ],
)
def test_a_refused_correction_changes_nothing(file_birth, people, given, reason, error, message):
    dossier = file_birth()
    with pytest.raises(error) as info:
        services.correct_answers(
            dossier, actor=people.desk_x, answers_given=given, reason=reason, at=AT
        )
    assert any(message in m for m in info.value.messages)
    dossier.refresh_from_db()
    assert dossier.form_data["fields"]["gioi_tinh"] == "nam"
    assert not dossier.events.filter(action=Action.CORRECT_ANSWERS).exists()


def test_only_the_receiving_desk_corrects_and_only_before_acceptance(file_birth, people):
    dossier = file_birth()
    change = {"answers_given": {"gioi_tinh": "nu"}, "reason": "Sai", "at": AT}
    for someone in (people.desk_y, people.specialist_x, people.leader_x, people.citizen_a):
        with pytest.raises(NotPermitted):
            services.correct_answers(dossier, actor=someone, **change)
    accepted = services.accept(dossier, actor=people.desk_x, at=AT)
    with pytest.raises(TransitionNotAllowed):
        services.correct_answers(accepted, actor=people.desk_x, **change)
    assert accepted.form_data["fields"]["gioi_tinh"] == "nam"


def test_the_export_carries_the_answers_as_typed(file_birth):
    row = record(file_birth())
    assert row["answers"] == [
        {"label": "Họ, chữ đệm, tên của trẻ", "value": "Nguyễn Minh Khang"},
        {"label": "Ngày sinh của trẻ", "value": "20/02/2026"},
        {"label": "Giới tính", "value": "Nam"},
        {"label": "Họ, chữ đệm, tên của mẹ", "value": "Trần Thị Thu Hà"},
        {"label": "Ngày sinh của mẹ", "value": "12/04/1986"},
        {"label": "Số bản trích lục", "value": "2"},
    ]


def test_simulated_answers_keep_the_forms_rules():
    import random

    from motcua.catalog.answer_checks import clean_answers
    from motcua.catalog.interchange.form_fields import parse_form_fields
    from motcua.catalog.interchange.schema import Reader
    from motcua.dossiers.simulation_support import sample_answers

    from .conftest import BIRTH_FIELDS

    specs = parse_form_fields(Reader(), BIRTH_FIELDS, "form_fields")
    day, born = datetime.date(2026, 3, 2), datetime.date(1990, 6, 1)
    for seed in range(200):
        answers = sample_answers(specs, random.Random(seed), day, born)
        kept = clean_answers(specs, answers, today=day, applicant_birth_date=born)
        # The child's birth is the recent event; the mother's lies years back.
        assert "2026-01-01" <= kept["ngay_sinh"] <= day.isoformat()
        assert kept["ngay_sinh_me"] <= kept["ngay_sinh"]
