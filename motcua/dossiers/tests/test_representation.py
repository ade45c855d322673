"""Organisation applicants and the people who file for them (#20 item 8): state agencies with
their codes, the representative and the authorisation (giấy ủy quyền) with its scan, checked
the same way at every intake, shown on the receipt, the API and the national portal payload;
paperless rules that make organisations file online."""

import datetime

import pytest

from motcua.accounts import services as accounts
from motcua.catalog import paperless
from motcua.catalog.models import PaperlessRule
from motcua.documents.services import store_file
from motcua.dossiers import constants, services
from motcua.dossiers.constants import ApplicantKind, Status
from motcua.dossiers.errors import RuleViolation
from motcua.dossiers.models import Authorisation
from motcua.dossiers.services import Applicant, AuthorisationInput, ComponentInput
from motcua.integrations.portal import conf as portal_conf
from motcua.integrations.portal.payloads import dossier_record, load
from motcua.notices import builders

from .conftest import vn

pytestmark = pytest.mark.django_db

MONDAY = vn(2026, 3, 2, 9, 0)
REPRESENTATIVE_ID = "068090001234"


@pytest.fixture
def scan(people):
    return store_file(
        b"%PDF-1.4 giay uy quyen",
        name="giay-uy-quyen.pdf",
        content_type="application/pdf",
        uploaded_by=people.desk_x,
    )


def organisation(kind=ApplicantKind.BUSINESS, code="5800123456", **fields) -> Applicant:
    values = {
        "name": "Công ty TNHH Thử Nghiệm",
        "kind": kind,
        "id_number": code,
        "phone": "0263123456",
        "representative_name": "Trần Văn Được",
        "representative_id_number": REPRESENTATIVE_ID,
        "representative_position": "Nhân viên hành chính",
        "representative_phone": "0912000111",
    }
    return Applicant(**(values | fields))


def paper(scan, **fields) -> AuthorisationInput:
    values = {
        "number": "15/2026/GUQ",
        "signed_on": datetime.date(2026, 2, 20),
        "valid_until": datetime.date(2026, 12, 31),
        "issuer": "Đoàn Minh Khôi, Giám đốc",
        "files": [scan],
    }
    return AuthorisationInput(**(values | fields))


def refused_with(walk_in, applicant) -> list[str]:
    with pytest.raises(RuleViolation) as refused:
        walk_in(at=MONDAY, applicant=applicant)
    return [str(m) for m in refused.value.messages]


def test_an_authorised_person_files_for_a_business_and_everything_is_recorded(walk_in, scan):
    dossier = walk_in(at=MONDAY, applicant=organisation(authorisation=paper(scan)))
    assert dossier.status == Status.RECEIVED
    dossier.refresh_from_db()
    assert dossier.representative_name == "Trần Văn Được"
    assert dossier.representative_position == "Nhân viên hành chính"
    assert dossier.representative_phone == "0912000111"
    authorisation = Authorisation.objects.get(dossier=dossier)
    assert authorisation.number == "15/2026/GUQ"
    assert authorisation.valid_until == datetime.date(2026, 12, 31)
    # The scan is one of the dossier's documents, with its file.
    document = authorisation.document
    assert document.dossier_id == dossier.pk
    # The catalogue lists “Giấy ủy quyền” for this procedure: the scan counts as it.
    assert document.component.name == "Giấy ủy quyền"
    assert list(document.files.all()) == [scan]
    assert document.name == "Giấy ủy quyền số 15/2026/GUQ ngày 20/02/2026"
    assert dossier.components.count() == 2


def test_an_expired_authorisation_is_refused_with_its_dates(walk_in, scan):
    expired = paper(scan, valid_until=datetime.date(2026, 2, 28))
    messages = refused_with(walk_in, organisation(authorisation=expired))
    assert messages == [
        "Giấy ủy quyền đã hết hiệu lực ngày 28/02/2026, trước ngày nộp hồ sơ 02/03/2026: người "
        "được ủy quyền không còn được nộp thay. Hãy xuất trình giấy ủy quyền còn hiệu lực."
    ]
    # Valid until the filing day itself is still valid.
    on_the_day = paper(scan, valid_until=datetime.date(2026, 3, 2))
    assert walk_in(at=MONDAY, applicant=organisation(authorisation=on_the_day)).pk


def test_an_authorisation_without_its_scan_is_refused(walk_in):
    messages = refused_with(walk_in, organisation(authorisation=paper(None, files=[])))
    assert messages == ["Chưa đính kèm bản quét (bản điện tử) của giấy ủy quyền."]


def test_an_invalid_personal_id_of_the_representative_is_refused(walk_in, scan):
    messages = refused_with(
        walk_in,
        organisation(representative_id_number="12345", authorisation=paper(scan)),
    )
    assert messages == [
        "Số định danh cá nhân của người được ủy quyền không hợp lệ: Số định danh cá nhân phải "
        "gồm đúng 12 chữ số."
    ]
    messages = refused_with(
        walk_in,
        organisation(representative_id_number="999090001234", authorisation=paper(scan)),
    )
    assert "mã tỉnh" in messages[0]


def test_a_signing_date_after_the_filing_or_a_missing_number_is_refused(walk_in, scan):
    messages = refused_with(
        walk_in,
        organisation(authorisation=paper(scan, number=" ", signed_on=datetime.date(2026, 3, 3))),
    )
    assert "Hãy nhập số giấy ủy quyền." in messages
    assert "Ngày ký giấy ủy quyền (03/03/2026) sau ngày nộp hồ sơ (02/03/2026)." in messages


def test_an_organisation_representative_needs_an_authorisation_a_relative_does_not(walk_in):
    for kind in (
        ApplicantKind.BUSINESS,
        ApplicantKind.HOUSEHOLD_BUSINESS,
        ApplicantKind.STATE_AGENCY,
    ):
        code = "1012345" if kind == ApplicantKind.STATE_AGENCY else "5800123456"
        messages = refused_with(walk_in, organisation(kind=kind, code=code))
        assert "phải có giấy ủy quyền" in messages[0]
    # A legal representative filing in person: no representative, nothing asked.
    in_person = organisation(representative_name="", representative_id_number="")
    assert walk_in(at=MONDAY, applicant=in_person).status == Status.RECEIVED
    # A person filing for a relative (ủy quyền cá nhân): the same fields, no paper demanded.
    relative = Applicant(
        name="Nguyễn Văn An",
        representative_name="Nguyễn Thị Hoa",
        representative_id_number=REPRESENTATIVE_ID,
    )
    dossier = walk_in(at=MONDAY, applicant=relative)
    assert dossier.representative_name == "Nguyễn Thị Hoa"
    assert not Authorisation.objects.filter(dossier=dossier).exists()


def test_a_person_filing_for_a_person_with_an_expired_paper_is_refused_too(walk_in, scan):
    relative = Applicant(
        name="Nguyễn Văn An",
        representative_name="Nguyễn Thị Hoa",
        representative_id_number=REPRESENTATIVE_ID,
        authorisation=paper(
            scan, signed_on=datetime.date(2025, 6, 1), valid_until=datetime.date(2026, 1, 1)
        ),
    )
    assert "đã hết hiệu lực ngày 01/01/2026" in refused_with(walk_in, relative)[0]


def test_codes_of_organisations_are_checked_by_kind(walk_in):
    agency = organisation(
        kind=ApplicantKind.STATE_AGENCY,
        name="Trường Tiểu học Thử",
        code="1012345",  # budget-unit code (mã ĐVQHNS)
        representative_name="",
        representative_id_number="",
    )
    dossier = walk_in(at=MONDAY, applicant=agency)
    assert dossier.applicant_kind == ApplicantKind.STATE_AGENCY
    assert "mã ĐVQHNS" in refused_with(walk_in, organisation(kind="state_agency", code="10123"))[0]
    # A 7-digit budget code is no business's tax code.
    assert "Mã số thuế" in refused_with(walk_in, organisation(code="1012345"))[0]


def test_guidance_does_not_demand_the_paper_yet_and_a_refusal_checks_nothing(
    version, tree, people, scan
):
    guided = services.request_intake_supplement(
        None,
        actor=people.desk_x,
        items=[{"name": "Giấy ủy quyền", "reason": "Người nộp thay chưa mang giấy ủy quyền"}],
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        applicant=organisation(),
        at=MONDAY,
    )
    assert guided.status == Status.INTAKE_SUPPLEMENT
    assert guided.representative_name == "Trần Văn Được"
    refused = services.refuse_intake(
        None,
        actor=people.desk_x,
        reason="Giấy ủy quyền đã hết hiệu lực.",
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        applicant=organisation(authorisation=paper(scan, valid_until=datetime.date(2026, 1, 1))),
        at=MONDAY,
    )
    assert refused.status == Status.REFUSED_AT_INTAKE
    assert not Authorisation.objects.filter(dossier=refused).exists()


def test_a_business_account_files_online_through_an_authorised_person(
    version, tree, form_component
):
    account = accounts.register_business(
        tax_code="5800123456",
        name="Công ty TNHH Thử Nghiệm",
        password="x",
        phone="0912000222",
        legal_representative="Đoàn Minh Khôi",
    )
    own = store_file(
        b"%PDF-1.4 guq", name="guq.pdf", content_type="application/pdf", uploaded_by=account
    )
    form = store_file(
        b"%PDF-1.4 form", name="to-khai.pdf", content_type="application/pdf", uploaded_by=account
    )
    who = Applicant.from_account(account)
    who.representative_name, who.representative_id_number = "Trần Văn Được", REPRESENTATIVE_ID
    who.authorisation = paper(own)
    dossier = services.submit_online(
        actor=account,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[ComponentInput(name="Tờ khai", component=form_component, files=[form])],
        applicant=who,
        at=MONDAY,
    )
    assert dossier.applicant_kind == ApplicantKind.BUSINESS
    assert dossier.authorisation.document.files.get() == own


def test_the_receipt_names_the_representative_and_the_paper_and_they_sign(walk_in, scan):
    dossier = walk_in(at=MONDAY, applicant=organisation(authorisation=paper(scan)))
    context = builders.common_context(dossier)
    assert context["applicant_title"] == "Tổ chức"
    assert context["filer_name"] == "Trần Văn Được"
    assert context["representative"] == (
        "Người nộp hồ sơ (nộp thay): Ông/Bà Trần Văn Được, Nhân viên hành chính, số định danh "
        f"cá nhân {REPRESENTATIVE_ID}, điện thoại 0912000111 – theo Giấy ủy quyền số "
        "15/2026/GUQ ngày 20/02/2026 của Đoàn Minh Khôi, Giám đốc, có hiệu lực đến ngày "
        "31/12/2026"
    )
    alone = walk_in(at=MONDAY)
    assert builders.common_context(alone)["representative"] == ""
    assert builders.common_context(alone)["filer_name"] == alone.applicant_name


def test_the_national_portal_counts_a_state_agency_as_an_organisation(walk_in, monkeypatch):
    agency = organisation(
        kind=ApplicantKind.STATE_AGENCY,
        code="1012345",
        representative_name="",
        representative_id_number="",
    )
    payload = dossier_record(load(walk_in(at=MONDAY, applicant=agency).pk))
    assert payload["LoaiDoiTuong"] == portal_conf.applicant_kind_code(ApplicantKind.BUSINESS) == 1
    assert payload["MaDoiTuong"] == "1012345"
    monkeypatch.setenv("DVCQG_APPLICANT_KIND_CODES", "1,2,2,2")
    assert portal_conf.applicant_kind_code(ApplicantKind.STATE_AGENCY) == 2


def test_the_authorisation_goes_to_the_portal_as_a_submitted_paper(walk_in, scan):
    dossier = walk_in(at=MONDAY, applicant=organisation(authorisation=paper(scan)))
    payload = dossier_record(load(dossier.pk))
    names = [paper["TenTepDinhKem"] for paper in payload["TaiLieuNop"]]
    assert "Giấy ủy quyền số 15/2026/GUQ ngày 20/02/2026" in names


# Paperless rules -------------------------------------------------------------------------------


def test_the_paperless_organisation_kinds_are_the_dossiers_ones():
    assert {str(k) for k in constants.ORGANISATION_KINDS} == paperless.ORGANISATION_KINDS
    assert ApplicantKind.HOUSEHOLD_BUSINESS not in constants.ORGANISATION_KINDS


@pytest.mark.parametrize(
    ("kind", "code", "refused"),
    [
        (ApplicantKind.STATE_AGENCY, "1012345", True),
        (ApplicantKind.BUSINESS, "5800123456", True),
        (ApplicantKind.HOUSEHOLD_BUSINESS, "5800123456", False),
        (ApplicantKind.CITIZEN, "", False),
    ],
)
def test_organisations_always_applies_to_every_organisation_kind(
    walk_in, version, tree, kind, code, refused
):
    PaperlessRule.objects.create(
        unit=tree.commune_x,
        weekdays=[],
        organisations_always=True,
        valid_from=datetime.date(2026, 3, 1),
    )
    who = organisation(kind=kind, code=code, representative_name="", representative_id_number="")
    if refused:
        with pytest.raises(RuleViolation) as error:
            walk_in(at=vn(2026, 3, 3, 9, 0), applicant=who)
        assert error.value.code == "paperless_day"
        assert "nộp trực tuyến" in str(error.value.messages[0])
    else:
        assert walk_in(at=vn(2026, 3, 3, 9, 0), applicant=who).status == Status.RECEIVED
