"""The papers brought to answer a supplement request (the dossier page's "complete supplement"
form): a refused file of a multiple selection does not drop its valid siblings, which are kept
for the next try as on the intake form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.documents.models import StoredFile
from motcua.documents.tests import samples
from motcua.dossiers import services
from motcua.dossiers.constants import Action, Status

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

A = Action


def _pdf(name):
    return SimpleUploadedFile(name, samples.pdf("scan"), content_type="application/pdf")


def _not_a_pdf(name):
    return SimpleUploadedFile(name, b"MZ not a pdf", content_type="application/pdf")


@pytest.fixture
def awaiting_supplement(walk_in, people):
    with freeze_time(vn(2026, 3, 2, 9, 30)):
        dossier = walk_in()
    dossier = services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 10, 0))
    return services.request_supplement(
        dossier,
        actor=people.specialist_x,
        items=[{"name": "Bản chụp bổ sung", "reason": "Mờ"}],
        at=vn(2026, 3, 3, 9, 0),
    )


def _post(client, dossier, key, **data):
    dossier.refresh_from_db()
    payload = {"version": dossier.version, "idempotency_key": key}
    url = reverse("backoffice:act", args=[dossier.code, A.COMPLETE_SUPPLEMENT])
    return client.post(url, payload | data)


@freeze_time(vn(2026, 3, 4, 9, 0))
def test_the_valid_sibling_of_a_refused_file_is_kept(as_user, people, awaiting_supplement):
    client = as_user(people.desk_x)
    files = [_pdf("trang-1.pdf"), _not_a_pdf("trang-2.pdf")]
    response = _post(client, awaiting_supplement, "bs-1", files=files, note="Đã nhận")
    html = response.content.decode()
    assert response.status_code == 400
    assert "trang-2.pdf" in html and "Đã nhận" in html
    kept = StoredFile.objects.get()
    assert kept.name == "trang-1.pdf" and kept.uploaded_by == people.desk_x
    assert f'name="kept" value="{kept.pk}"' in html
    awaiting_supplement.refresh_from_db()
    assert awaiting_supplement.status == Status.AWAITING_SUPPLEMENT

    # The officer re-selects only the refused page.
    response = _post(
        client, awaiting_supplement, "bs-1", kept=[kept.pk], files=[_pdf("trang-2.pdf")]
    )
    assert response.status_code == 302
    event = awaiting_supplement.events.get(action=A.COMPLETE_SUPPLEMENT)
    assert [f.name for f in event.attachments.order_by("pk")] == ["trang-1.pdf", "trang-2.pdf"]
    assert StoredFile.objects.count() == 2


@freeze_time(vn(2026, 3, 4, 9, 0))
def test_kept_files_alone_answer_the_supplement(as_user, people, awaiting_supplement):
    client = as_user(people.desk_x)
    _post(client, awaiting_supplement, "bs-2", files=[_pdf("a.pdf"), _not_a_pdf("b.pdf")])
    kept = StoredFile.objects.get()
    assert _post(client, awaiting_supplement, "bs-2", kept=[kept.pk]).status_code == 302
    event = awaiting_supplement.events.get(action=A.COMPLETE_SUPPLEMENT)
    assert list(event.attachments.all()) == [kept]


@freeze_time(vn(2026, 3, 4, 9, 0))
def test_no_file_and_another_officers_file_are_refused(as_user, people, awaiting_supplement):
    from motcua.documents.services import store_file

    theirs = store_file(
        b"%PDF-1.4 y",
        name="cua-xa-y.pdf",
        content_type="application/pdf",
        uploaded_by=people.desk_y,
    )
    client = as_user(people.desk_x)
    response = _post(client, awaiting_supplement, "bs-3", kept=[theirs.pk])
    html = response.content.decode()
    assert response.status_code == 400
    assert "cua-xa-y.pdf" not in html and "Trường này là bắt buộc." in html
    assert not awaiting_supplement.events.filter(action=A.COMPLETE_SUPPLEMENT).exists()
