"""The desk on a paperless day: the intake page refuses paper and offers assisted online filing;
the officer gets the applicant's consent (a code by SMS, or the applicant signing in), files the
online application with them, and the dossier is online with the officer recorded. Who may not."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.catalog.constants import Channel
from motcua.catalog.models import PaperlessRule
from motcua.documents.tests import samples
from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import AssistedConsent, ConsentMethod, Dossier
from motcua.notifications.contrib.demo_sms.models import DemoSmsMessage

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

MONDAY = vn(2026, 3, 2, 9, 0)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def paperless_monday(version, tree):
    rule = PaperlessRule.objects.create(
        unit=tree.commune_x,
        weekdays=[0],
        valid_from=datetime.date(2026, 3, 1),
        decision="5/QĐ-UBND",
    )
    rule.procedures.set([version.procedure])
    return rule


def _intake_data(version, tree, form_component):
    return {
        "receiving_unit": tree.commune_x.pk,
        "resolving_agency": tree.commune_x.pk,
        "channel": "direct",
        "applicant_kind": "citizen",
        "applicant_name": "Trần Văn Bình",
        "id_number": "068080999999",
        "delivery": "desk",
        "idempotency_key": "intake-paperless",
        f"c{form_component.pk}_originals": "1",
        f"c{form_component.pk}_copies": "0",
        "decision": "receive",
    }


@freeze_time(MONDAY)
def test_the_intake_page_refuses_paper_and_offers_assisted_filing(
    as_user, people, tree, version, form_component, paperless_monday
):
    client = as_user(people.desk_x)
    url = reverse("backoffice:intake_form", args=[version.pk])
    page = client.get(url).content.decode()
    assert "Hôm nay không nhận hồ sơ giấy của thủ tục này" in page
    assisted = f"{reverse('backoffice:assisted_start')}?version={version.pk}"
    assert assisted in page
    response = client.post(url, _intake_data(version, tree, form_component))
    assert response.status_code == 400
    assert "không tiếp nhận hồ sơ giấy" in response.content.decode()
    assert not Dossier.objects.exists()


@freeze_time(vn(2026, 3, 3, 9, 0))
def test_no_refusal_on_another_day(
    as_user, people, tree, version, form_component, paperless_monday
):
    client = as_user(people.desk_x)
    url = reverse("backoffice:intake_form", args=[version.pk])
    assert "không nhận hồ sơ giấy" not in client.get(url).content.decode()
    response = client.post(url, _intake_data(version, tree, form_component))
    assert response.status_code == 302
    assert Dossier.objects.get().channel == Channel.DIRECT


@freeze_time(MONDAY)
def test_assisted_filing_with_a_code_sent_by_sms(
    as_user,
    people,
    tree,
    version,
    form_component,
    paperless_monday,
    django_capture_on_commit_callbacks,
):
    client = as_user(people.desk_x)
    start = reverse("backoffice:assisted_start")
    assert client.get(start, {"version": version.pk}).status_code == 200
    personal_id = people.citizen_a.citizen_profile.personal_id
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            start,
            {
                "unit": tree.commune_x.pk,
                "id_number": personal_id,
                "method": ConsentMethod.CODE,
                "version": version.pk,
            },
        )
    consent = AssistedConsent.objects.get()
    consent_url = reverse("backoffice:assisted_consent", args=[consent.pk])
    assert response.status_code == 302 and response.url == f"{consent_url}?version={version.pk}"
    code = re.search(r"\b(\d{6})\b", DemoSmsMessage.objects.get().text).group(1)
    wrong = client.post(response.url, {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 400 and "Còn 2 lần thử" in wrong.content.decode()
    given = client.post(response.url, {"code": code})
    assert given.status_code == 302
    page = client.get(response.url).content.decode()
    file_url = reverse("backoffice:assisted_file", args=[consent.pk, version.pk])
    assert file_url in page
    assert client.get(file_url).status_code == 200
    pdf = SimpleUploadedFile("to-khai.pdf", samples.pdf("scan"), content_type="application/pdf")
    filed = client.post(
        file_url,
        {
            "resolving_agency": tree.commune_x.pk,
            "delivery": "online",
            "idempotency_key": "assisted-1",
            f"c{form_component.pk}_files": pdf,
        },
    )
    dossier = Dossier.objects.get()
    assert filed.status_code == 302 and filed.url == reverse(
        "backoffice:dossier", args=[dossier.code]
    )
    assert dossier.channel == Channel.ONLINE and dossier.status == Status.SUBMITTED
    assert dossier.applicant == people.citizen_a and dossier.assisted_by == people.desk_x
    assert dossier.components.get().files.count() == 1
    officer_page = client.get(filed.url).content.decode()
    assert "nộp trực tuyến có hỗ trợ của cán bộ Phạm Văn Cường" in officer_page
    # The applicant sees it in their dossier: the unit, not the officer's name.
    mine = as_user(people.citizen_a).get(reverse("portal:dossier", args=[dossier.code]))
    html = mine.content.decode()
    assert "với sự hỗ trợ của cán bộ Xã Thử X" in html and "Phạm Văn Cường" not in html


@freeze_time(MONDAY)
def test_assisted_filing_after_the_applicant_signs_in(as_user, people, tree, version, client):
    consent = services.start_consent(
        officer=people.desk_x,
        unit=tree.commune_x,
        applicant=people.citizen_a,
        method=ConsentMethod.SIGNIN,
    )
    confirm = reverse("portal:assisted_confirm", args=[consent.token])
    assert client.get(confirm).status_code == 302  # sign in first
    officer = as_user(people.desk_x)
    waiting = officer.get(reverse("backoffice:assisted_consent", args=[consent.pk]))
    assert confirm in waiting.content.decode() and "Kiểm tra lại" in waiting.content.decode()
    qr = officer.get(reverse("backoffice:assisted_qr", args=[consent.pk]))
    assert qr["Content-Type"] == "image/svg+xml"
    # Another citizen cannot confirm it.
    assert as_user(people.citizen_b).get(confirm).status_code == 404
    citizen = as_user(people.citizen_a)
    assert "Tôi đồng ý" in citizen.get(confirm).content.decode()
    assert "Bạn đã đồng ý" in citizen.post(confirm).content.decode()
    consent.refresh_from_db()
    assert consent.is_live()


@freeze_time(MONDAY)
def test_who_may_not_assist(as_user, people, tree, version):
    consent = services.start_consent(
        officer=people.desk_x,
        unit=tree.commune_x,
        applicant=people.citizen_a,
        method=ConsentMethod.SIGNIN,
    )
    services.confirm_by_signin(consent.token, applicant=people.citizen_a)
    urls = [
        reverse("backoffice:assisted_consent", args=[consent.pk]),
        reverse("backoffice:assisted_qr", args=[consent.pk]),
        reverse("backoffice:assisted_file", args=[consent.pk, version.pk]),
    ]
    # A desk officer of another commune: another officer's consent is "not found".
    desk_y = as_user(people.desk_y)
    for url in urls:
        assert desk_y.get(url).status_code == 404
    # No desk role: refused; citizens: the officers-only page.
    assert as_user(people.specialist_x).get(reverse("backoffice:assisted_start")).status_code == 403
    for url in [reverse("backoffice:assisted_start"), *urls]:
        assert as_user(people.citizen_a).get(url).status_code == 403
    # A desk officer cannot ask for consent at a desk that is not theirs.
    response = as_user(people.desk_y).post(
        reverse("backoffice:assisted_start"),
        {
            "unit": tree.commune_x.pk,
            "id_number": people.citizen_a.citizen_profile.personal_id,
            "method": ConsentMethod.SIGNIN,
        },
    )
    assert response.status_code == 400
    assert AssistedConsent.objects.count() == 1


@freeze_time(MONDAY)
def test_an_unknown_applicant_is_told_plainly(as_user, people, tree):
    response = as_user(people.desk_x).post(
        reverse("backoffice:assisted_start"),
        {"unit": tree.commune_x.pk, "id_number": "001099000000", "method": ConsentMethod.SIGNIN},
    )
    assert response.status_code == 400
    assert "Không tìm thấy tài khoản" in response.content.decode()


@freeze_time(MONDAY)
def test_the_filing_page_waits_for_the_consent(as_user, people, tree, version):
    consent = services.start_consent(
        officer=people.desk_x,
        unit=tree.commune_x,
        applicant=people.citizen_a,
        method=ConsentMethod.SIGNIN,
    )
    response = as_user(people.desk_x).get(
        reverse("backoffice:assisted_file", args=[consent.pk, version.pk])
    )
    assert response.status_code == 302
    assert response.url == reverse("backoffice:assisted_consent", args=[consent.pk])
