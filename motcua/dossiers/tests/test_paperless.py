"""Paperless days and assisted online filing, as services: the desk refuses paper under a rule
(and only then), the consent code (hashed, wrong, expired, used up), and an assisted filing that
is an online dossier with the officer recorded in its history and the audit."""

import copy
import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.audit.models import AuditEntry
from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.catalog.constants import Channel
from motcua.catalog.models import PaperlessRule
from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.constants import ApplicantKind, Status
from motcua.dossiers.errors import NotPermitted, RuleViolation
from motcua.dossiers.models import AssistedConsent, ConsentMethod
from motcua.dossiers.services import Applicant, ComponentInput
from motcua.dossiers.services import assisted as assisted_services
from motcua.notifications.contrib.demo_sms.models import DemoSmsMessage

from .conftest import CATALOGUE, vn

pytestmark = pytest.mark.django_db

MONDAY = vn(2026, 3, 2, 9, 0)
TUESDAY = vn(2026, 3, 3, 9, 0)


def rule(unit, *procedures, weekdays=(0,), **fields):
    values = {"valid_from": datetime.date(2026, 3, 1)} | fields
    made = PaperlessRule.objects.create(unit=unit, weekdays=list(weekdays), **values)
    made.procedures.set(procedures)
    return made


@pytest.fixture
def partial_version(db):
    """Another procedure, offered online only in part: never paperless."""
    data = copy.deepcopy(CATALOGUE)
    data["procedures"][0]["code"] = "9.000008"
    data["procedures"][0]["versions"][0]["online_level"] = "partial"
    catalog_services.import_catalogue(data)
    return catalog.published_version_on("9.000008", datetime.date(2026, 3, 2))


def test_paper_is_refused_on_a_paperless_day_with_a_plain_reason(walk_in, version, tree):
    rule(tree.commune_x, version.procedure, decision="12/QĐ-UBND")
    with pytest.raises(RuleViolation) as refused:
        walk_in(at=MONDAY)
    assert refused.value.code == "paperless_day"
    text = str(refused.value.messages[0])
    assert "không tiếp nhận hồ sơ giấy" in text and "Thứ Hai" in text and "12/QĐ-UBND" in text
    assert "hỗ trợ công dân nộp trực tuyến" in text


def test_guidance_to_a_supplement_on_paper_is_refused_too(version, tree, people, applicant):
    rule(tree.commune_x, version.procedure)
    with pytest.raises(RuleViolation):
        services.request_intake_supplement(
            None,
            actor=people.desk_x,
            items=[{"name": "Tờ khai", "reason": "Thiếu"}],
            procedure_version=version,
            receiving_unit=tree.commune_x,
            resolving_agency=tree.commune_x,
            applicant=applicant,
            at=MONDAY,
        )


def test_not_refused_on_another_day_unit_procedure_or_after_the_end(
    walk_in, version, partial_version, tree, people
):
    rule(tree.commune_x, version.procedure, valid_to=datetime.date(2026, 3, 8))
    rule(tree.commune_x, weekdays=(0,))  # every fully online procedure on Mondays
    assert walk_in(at=TUESDAY).status == Status.RECEIVED  # another weekday
    other = walk_in(at=MONDAY, actor=people.desk_y, receiving_unit=tree.commune_y)
    assert other.status == Status.RECEIVED  # another unit
    component = partial_version.components.get(name="Tờ khai")
    partial = walk_in(
        at=MONDAY,
        procedure_version=partial_version,
        components=[ComponentInput(name="Tờ khai", component=component, paper_originals=1)],
    )
    assert partial.status == Status.RECEIVED  # not a full online procedure
    PaperlessRule.objects.filter(procedures__isnull=True).delete()
    assert walk_in(at=vn(2026, 3, 9, 9, 0)).status == Status.RECEIVED  # after valid_to
    assert walk_in(at=vn(2026, 2, 23, 9, 0)).status == Status.RECEIVED  # before valid_from
    with pytest.raises(RuleViolation):
        walk_in(at=MONDAY)  # while the rule runs


def test_a_postal_dossier_is_not_refused(walk_in, version, tree):
    rule(tree.commune_x, version.procedure)
    assert walk_in(at=MONDAY, channel=Channel.POSTAL).status == Status.RECEIVED


def test_organisations_file_online_every_day_of_the_rule(walk_in, version, tree):
    rule(tree.commune_x, weekdays=(), organisations_always=True)
    business = Applicant(name="Công ty TNHH Thử", kind=ApplicantKind.BUSINESS, id_number="0101")
    with pytest.raises(RuleViolation):
        walk_in(at=TUESDAY, applicant=business)
    assert walk_in(at=TUESDAY).status == Status.RECEIVED  # a citizen still may on paper


# Consent ---------------------------------------------------------------------------------------


def _code_consent(people, tree, django_capture_on_commit_callbacks, at=MONDAY):
    with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
        consent = services.start_consent(
            officer=people.desk_x,
            unit=tree.commune_x,
            applicant=people.citizen_a,
            method=ConsentMethod.CODE,
        )
    sms = DemoSmsMessage.objects.latest("pk")
    code = re.search(r"\b(\d{6})\b", sms.text).group(1)
    return consent, code, sms


def test_the_code_goes_by_sms_and_is_stored_hashed(
    people, tree, django_capture_on_commit_callbacks
):
    consent, code, sms = _code_consent(people, tree, django_capture_on_commit_callbacks)
    assert sms.phone == "0912345678"
    assert "Ma dong y" in sms.text  # folded for the SMS alphabet
    assert code not in consent.code_hash and len(consent.code_hash) == 64
    assert consent.sent_to.endswith("678") and "0912" not in consent.sent_to
    assert not consent.is_live(MONDAY)
    assert services.verify_code(consent, officer=people.desk_x, entered=code, at=MONDAY)
    consent.refresh_from_db()
    assert consent.is_live(MONDAY + datetime.timedelta(minutes=59))
    assert not consent.is_live(MONDAY + datetime.timedelta(minutes=61))
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"assisted_consent_asked", "assisted_consent_given"} <= verbs


def test_a_wrong_code_counts_and_three_use_it_up(people, tree, django_capture_on_commit_callbacks):
    consent, code, _sms = _code_consent(people, tree, django_capture_on_commit_callbacks)
    wrong = "000000" if code != "000000" else "111111"
    for _try in range(assisted_services.MAX_ATTEMPTS):
        assert not services.verify_code(consent, officer=people.desk_x, entered=wrong, at=MONDAY)
    consent.refresh_from_db()
    assert consent.attempts == 3
    with pytest.raises(RuleViolation) as used_up:
        services.verify_code(consent, officer=people.desk_x, entered=code, at=MONDAY)
    assert used_up.value.code == "consent_attempts"
    consent.refresh_from_db()
    assert consent.granted_at is None


def test_an_expired_code_is_refused(people, tree, django_capture_on_commit_callbacks):
    consent, code, _sms = _code_consent(people, tree, django_capture_on_commit_callbacks)
    later = MONDAY + datetime.timedelta(minutes=11)
    with pytest.raises(RuleViolation) as expired:
        services.verify_code(consent, officer=people.desk_x, entered=code, at=later)
    assert expired.value.code == "consent_expired"


def test_only_the_officer_who_asked_may_enter_the_code(
    people, tree, django_capture_on_commit_callbacks
):
    consent, code, _sms = _code_consent(people, tree, django_capture_on_commit_callbacks)
    with pytest.raises(NotPermitted):
        services.verify_code(consent, officer=people.desk_y, entered=code, at=MONDAY)


def test_codes_to_one_phone_are_limited(people, tree, django_capture_on_commit_callbacks):
    for _n in range(assisted_services.MAX_SENDS_PER_HOUR):
        _code_consent(people, tree, django_capture_on_commit_callbacks)
    with pytest.raises(RuleViolation) as flooded, time_machine.travel(MONDAY, tick=False):
        services.start_consent(
            officer=people.desk_x,
            unit=tree.commune_x,
            applicant=people.citizen_a,
            method=ConsentMethod.CODE,
        )
    assert flooded.value.code == "too_many_codes"


def test_only_a_desk_officer_of_the_unit_may_ask(people, tree):
    for outsider in (people.desk_y, people.specialist_x, people.citizen_b):
        with pytest.raises(NotPermitted):
            services.start_consent(
                officer=outsider,
                unit=tree.commune_x,
                applicant=people.citizen_a,
                method=ConsentMethod.SIGNIN,
            )
    with pytest.raises(RuleViolation):  # a phone is needed for a code
        services.start_consent(
            officer=people.desk_x,
            unit=tree.commune_x,
            applicant=people.citizen_b,
            method=ConsentMethod.CODE,
        )


def test_the_applicant_confirms_after_signing_in_and_nobody_else_can(people, tree):
    consent = services.start_consent(
        officer=people.desk_x,
        unit=tree.commune_x,
        applicant=people.citizen_a,
        method=ConsentMethod.SIGNIN,
    )
    with pytest.raises(AssistedConsent.DoesNotExist):
        services.confirm_by_signin(consent.token, applicant=people.citizen_b)
    services.confirm_by_signin(consent.token, applicant=people.citizen_a)
    consent.refresh_from_db()
    assert consent.is_live()


# Assisted filing -------------------------------------------------------------------------------


def _granted(people, tree, officer=None, unit=None, at=None):
    consent = services.start_consent(
        officer=officer or people.desk_x,
        unit=unit or tree.commune_x,
        applicant=people.citizen_a,
        method=ConsentMethod.SIGNIN,
        at=at,
    )
    return services.confirm_by_signin(consent.token, applicant=people.citizen_a, at=at)


def _pdf(people):
    return store_file(
        b"%PDF-1.4 form",
        name="to-khai.pdf",
        content_type="application/pdf",
        uploaded_by=people.desk_x,
    )


def _file(version, tree, people, form_component, **overrides):
    kwargs = {
        "actor": people.citizen_a,
        "assisted_by": people.desk_x,
        "procedure_version": version,
        "receiving_unit": tree.commune_x,
        "resolving_agency": tree.commune_x,
        "components": [
            ComponentInput(name="Tờ khai", component=form_component, files=[_pdf(people)])
        ],
        "at": MONDAY,
    }
    return services.submit_online(**(kwargs | overrides))


def test_assisted_filing_is_an_online_dossier_with_the_officer_recorded(
    version, tree, people, form_component
):
    rule(tree.commune_x, version.procedure)
    _granted(people, tree, at=MONDAY)
    dossier = _file(version, tree, people, form_component)
    assert dossier.channel == Channel.ONLINE and dossier.status == Status.SUBMITTED
    assert dossier.applicant == people.citizen_a and dossier.assisted_by == people.desk_x
    event = dossier.events.get()
    assert event.actor == people.citizen_a
    assert event.data["assisted_by"] == people.desk_x.pk
    assert event.data["assisted_by_name"] == "Phạm Văn Cường"
    assert event.data["assisted_unit_name"] == "Xã Thử X"
    entry = AuditEntry.objects.get(verb="assisted_submit")
    assert entry.actor == people.desk_x and entry.dossier_code == dossier.code
    # Accepted by the desk as any online dossier.
    accepted = services.accept(dossier, actor=people.desk_x, at=MONDAY)
    assert accepted.status == Status.RECEIVED and accepted.channel == Channel.ONLINE


def test_assisted_filing_works_on_any_day(version, tree, people, form_component):
    _granted(people, tree, at=TUESDAY)
    dossier = _file(version, tree, people, form_component, at=TUESDAY)
    assert dossier.assisted_by == people.desk_x


def test_no_assisted_filing_without_a_live_consent(version, tree, people, form_component):
    with pytest.raises(NotPermitted) as missing:
        _file(version, tree, people, form_component)
    assert missing.value.code == "no_consent"
    _granted(people, tree, at=MONDAY)
    with pytest.raises(NotPermitted):  # an hour later
        _file(version, tree, people, form_component, at=MONDAY + datetime.timedelta(hours=2))


def test_no_assisted_filing_by_another_officer_or_at_another_desk(
    version, tree, people, form_component
):
    _granted(people, tree, at=MONDAY)
    with pytest.raises(NotPermitted):  # a desk officer of commune Y, for commune X
        _file(version, tree, people, form_component, assisted_by=people.desk_y)
    with pytest.raises(NotPermitted):  # a specialist is no desk officer
        _file(version, tree, people, form_component, assisted_by=people.specialist_x)
    with pytest.raises(NotPermitted):  # the consent was for commune X's desk
        _file(
            version,
            tree,
            people,
            form_component,
            receiving_unit=tree.commune_y,
            resolving_agency=tree.commune_y,
        )
    second = make_officer("Lý Văn Tâm", unit=tree.commune_x, role=Role.DESK_OFFICER)
    with pytest.raises(NotPermitted):  # a colleague without the applicant's consent
        _file(version, tree, people, form_component, assisted_by=second)
    assert not AuditEntry.objects.filter(verb="assisted_submit").exists()


def test_administrators_read_consents_without_their_secrets(client, people, tree):
    consent = _granted(people, tree, at=MONDAY)
    client.force_login(make_officer("Quản trị", is_superuser=True))
    listing = client.get(reverse("admin:dossiers_assistedconsent_changelist"))
    assert listing.status_code == 200 and "Phạm Văn Cường" in listing.content.decode()
    page = client.get(reverse("admin:dossiers_assistedconsent_change", args=[consent.pk]))
    assert page.status_code == 200 and consent.token not in page.content.decode()
    assert client.get(reverse("admin:dossiers_assistedconsent_add")).status_code == 403
