import pytest

from motcua.documents.tests import samples
from motcua.dossiers.tests.conftest import birth_version  # noqa: F401 - a fixture


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Form files written by tests go to a temporary folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Tracking counts attempts in the cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def version(db):
    """The one-procedure test catalogue of the dossier tests (online, full level)."""
    from motcua.catalog import selectors as catalog
    from motcua.catalog import services as catalog_services
    from motcua.dossiers.tests.conftest import CATALOGUE

    catalog_services.import_catalogue(CATALOGUE)
    return catalog.published_version_on("9.000001")


@pytest.fixture
def form_component(version):
    return version.components.get(name="Tờ khai")


@pytest.fixture
def pdf():
    """A tiny file that passes the upload checks."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(name="to-khai.pdf", body=None):
        body = samples.pdf("motcua test") if body is None else body
        return SimpleUploadedFile(name, body, content_type="application/pdf")

    return make


@pytest.fixture
def file_online(version, tree, people, form_component):
    """Citizen A files a dossier online at commune X through the services."""
    from motcua.documents.services import store_file
    from motcua.dossiers import services
    from motcua.dossiers.services import ComponentInput

    def make(user=None, **overrides):
        user = user or people.citizen_a
        stored = store_file(
            b"%PDF-1.4 form",
            name="to-khai.pdf",
            content_type="application/pdf",
            uploaded_by=user,
            owner=user,
        )
        kwargs = {
            "actor": user,
            "procedure_version": version,
            "receiving_unit": tree.commune_x,
            "resolving_agency": tree.commune_x,
            "components": [
                ComponentInput(name="Tờ khai", component=form_component, files=[stored])
            ],
        }
        return services.submit_online(**(kwargs | overrides))

    return make


@pytest.fixture
def officers(people):
    """The desk and the commune's staff moving a dossier along, through the services."""
    from types import SimpleNamespace

    from motcua.documents.services import store_file
    from motcua.dossiers import services

    def accept(dossier):
        dossier = services.accept(dossier, actor=people.desk_x)
        return services.assign(dossier, actor=people.desk_x, assignee=people.specialist_x)

    def ask_supplement(dossier, name="Bản sao sổ hộ khẩu", reason="Bản chụp bị mờ"):
        return services.request_supplement(
            dossier, actor=people.specialist_x, items=[{"name": name, "reason": reason}]
        )

    def issue_result(dossier):
        dossier = services.complete_step(dossier, actor=people.specialist_x)
        dossier = services.approve(dossier, actor=people.leader_x)
        signed = store_file(
            b"%PDF-1.4 result", name="giay-chung-nhan.pdf", content_type="application/pdf"
        )
        return services.record_result(
            dossier, actor=people.leader_x, document_number="12/GCN", file=signed
        )

    return SimpleNamespace(accept=accept, ask_supplement=ask_supplement, issue_result=issue_result)
