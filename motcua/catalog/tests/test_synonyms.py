"""The citizens' words for procedures (cách gọi thông dụng): catalogue data that the search uses
from the moment it is saved, through the administration and the catalogue file."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from motcua.audit.models import AuditEntry
from motcua.catalog import selectors, services
from motcua.catalog.models import SearchSynonym
from motcua.catalog.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    civil = factories.field("HT", "Hộ tịch")
    land = factories.field("DD", "Đất đai")
    return {
        "marital": factories.published(
            "1.004873",
            name="Cấp Giấy xác nhận tình trạng hôn nhân",
            field=civil,
            result_name="Giấy xác nhận tình trạng hôn nhân",
        ),
        "birth": factories.published("1.001193", name="Đăng ký khai sinh", field=civil),
        "land": factories.published(
            "1.012753",
            name="Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
            field=land,
            result_name="Giấy chứng nhận quyền sử dụng đất",
        ),
    }


def names(query):
    return [v.name for v in selectors.search(query)]


def test_a_synonym_saved_after_the_versions_finds_them_at_once(catalogue, people):
    assert names("xác nhận độc thân") == []
    services.save_synonym(
        actor=people.manager, phrase="xác nhận độc thân", official="xác nhận tình trạng hôn nhân"
    )
    assert names("xác nhận độc thân") == ["Cấp Giấy xác nhận tình trạng hôn nhân"]
    assert names("xac nhan doc than") == names("Xác nhận độc thân")
    # The citizens' words and the official ones mix.
    assert names("giấy xác nhận độc thân") == ["Cấp Giấy xác nhận tình trạng hôn nhân"]
    assert AuditEntry.objects.filter(verb="catalog.synonym.add").count() == 1


def test_a_version_written_after_the_synonym_is_found_too(people):
    services.save_synonym(
        actor=people.manager, phrase="làm sổ đỏ", official="giấy chứng nhận quyền sử dụng đất"
    )
    factories.published(
        "1.012753",
        name="Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
        result_name="Giấy chứng nhận quyền sử dụng đất",
    )
    assert names("làm sổ đỏ") == ["Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu"]
    assert names("lam so do") == names("làm sổ đỏ")


def test_the_official_wording_is_matched_as_a_whole_phrase(catalogue, people):
    services.save_synonym(actor=people.manager, phrase="sổ đỏ", official="quyền sử dụng đất")
    services.save_synonym(actor=people.manager, phrase="giấy tờ nhà", official="sử dụng đất ở")
    assert names("sổ đỏ") == ["Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu"]
    assert names("giấy tờ nhà") == []  # "sử dụng đất ở" is in no version


def test_changing_and_deleting_a_synonym_reindexes(catalogue, people):
    synonym = services.save_synonym(
        actor=people.manager, phrase="giấy độc thân", official="đăng ký khai sinh"
    )
    assert names("giấy độc thân") == ["Đăng ký khai sinh"]
    services.save_synonym(
        synonym,
        actor=people.manager,
        phrase="giấy độc thân",
        official="xác nhận tình trạng hôn nhân",
    )
    assert names("giấy độc thân") == ["Cấp Giấy xác nhận tình trạng hôn nhân"]
    services.delete_synonyms([synonym], actor=people.manager)
    assert names("giấy độc thân") == []
    assert not SearchSynonym.objects.exists()
    verbs = AuditEntry.objects.filter(verb__startswith="catalog.synonym").values_list(
        "verb", flat=True
    )
    assert sorted(verbs) == [
        "catalog.synonym.add",
        "catalog.synonym.change",
        "catalog.synonym.delete",
    ]


@pytest.mark.parametrize(
    ("phrase", "official", "code"),
    [
        ("", "xác nhận tình trạng hôn nhân", "no_phrase"),
        ("độc thân", "  ", "no_official"),
        ("Đăng kí khai sinh", "đăng ký khai sinh", "same_words"),
        ("Xác nhận độc thân", "xac nhan tinh trang hon nhan", "duplicate"),
    ],
)
def test_bad_synonyms_are_refused_and_change_nothing(catalogue, people, phrase, official, code):
    services.save_synonym(
        actor=people.manager, phrase="xác nhận độc thân", official="xác nhận tình trạng hôn nhân"
    )
    with pytest.raises(ValidationError) as error:
        services.save_synonym(actor=people.manager, phrase=phrase, official=official)
    assert error.value.code == code
    assert SearchSynonym.objects.count() == 1


def test_the_desk_finds_a_procedure_by_the_citizens_words(catalogue, people, client):
    services.save_synonym(
        actor=people.manager, phrase="làm sổ đỏ", official="giấy chứng nhận quyền sử dụng đất"
    )
    client.force_login(people.desk_x)
    page = client.get(reverse("backoffice:intake"), {"q": "lam so do"})
    assert "Giấy chứng nhận quyền sử dụng đất lần đầu" in page.content.decode()
    page = client.get(reverse("backoffice:intake"), {"q": "đăng kí khai sinh"})
    assert "Đăng ký khai sinh" in page.content.decode()


def test_the_portal_finds_a_procedure_by_the_citizens_words(catalogue, people, client):
    services.save_synonym(
        actor=people.manager, phrase="xác nhận độc thân", official="xác nhận tình trạng hôn nhân"
    )
    page = client.get(reverse("portal:procedures:index"), {"q": "xác nhận độc thân"})
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in page.content.decode()
    assert "Đăng ký khai sinh" not in page.content.decode()


class TestAdmin:
    def test_adding_a_synonym_in_the_admin_goes_through_the_service(self, catalogue, admin_client):
        response = admin_client.post(
            reverse("admin:catalog_searchsynonym_add"),
            {"phrase": "Xác nhận độc thân", "official": "xác nhận tình trạng hôn nhân", "note": ""},
        )
        assert response.status_code == 302
        synonym = SearchSynonym.objects.get()
        assert (synonym.phrase_key, synonym.official_key) == (
            "xac nhan doc than",
            "xac nhan tinh trang hon nhan",
        )
        assert names("xác nhận độc thân") == ["Cấp Giấy xác nhận tình trạng hôn nhân"]

    def test_a_duplicate_is_a_form_error_not_a_crash(self, catalogue, admin_client, people):
        services.save_synonym(
            actor=people.manager, phrase="độc thân", official="tình trạng hôn nhân"
        )
        response = admin_client.post(
            reverse("admin:catalog_searchsynonym_add"),
            {"phrase": "Độc thân", "official": "tình trạng hôn nhân", "note": ""},
        )
        assert response.status_code == 200
        assert "đã có cho cụm từ" in response.content.decode()
        assert SearchSynonym.objects.count() == 1

    def test_deleting_in_the_admin_reindexes(self, catalogue, admin_client, people):
        synonym = services.save_synonym(
            actor=people.manager, phrase="độc thân", official="tình trạng hôn nhân"
        )
        response = admin_client.post(
            reverse("admin:catalog_searchsynonym_delete", args=[synonym.pk]), {"post": "yes"}
        )
        assert response.status_code == 302
        assert names("độc thân") == []

    def test_the_version_list_searches_like_the_portal(self, catalogue, admin_client):
        page = admin_client.get(
            reverse("admin:catalog_procedureversion_changelist"), {"q": "dang ki"}
        )
        assert "Đăng ký khai sinh" in page.content.decode()
