"""The public procedure pages: search, procedure page, form download. No sign-in needed."""

import re

import pytest
from django.urls import reverse

from motcua.catalog import selectors, services
from motcua.catalog.models import FormTemplate
from motcua.demo.catalogue import load_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    load_catalogue()


def names(response) -> list[str]:
    return re.findall(r'class="procedure-name">([^<]+)<', response.content.decode())


@pytest.mark.parametrize("query", ["dang ky khai sinh", "đăng ký khai sinh", "DANG KY KHAI SINH"])
def test_search_finds_birth_registration_first_whatever_the_spelling(client, catalogue, query):
    response = client.get(reverse("portal:procedures:index"), {"q": query})
    assert response.status_code == 200
    assert names(response)[0] == "Đăng ký khai sinh"
    assert 'href="/procedures/1.001193/"' in response.content.decode()


def test_search_page_runs_in_a_fixed_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("portal:procedures:index"))
    assert len(names(response)) == 20
    assert "29 thủ tục đang công khai" in response.content.decode()
    with django_assert_max_num_queries(4):
        client.get(reverse("portal:procedures:index"), {"q": "dang ky", "page": 2})


def test_browsing_by_field_level_and_online_level(client, catalogue):
    url = reverse("portal:procedures:index")
    residence = names(client.get(url, {"field": "CU"}))
    assert set(residence) == {
        "Đăng ký thường trú",
        "Đăng ký tạm trú",
        "Xóa đăng ký thường trú",
        "Gia hạn tạm trú",
    }
    provincial = names(client.get(url, {"level": "province"}))
    assert len(provincial) == 2
    not_online = names(client.get(url, {"online": "none"}))
    assert "Chứng thực chữ ký" in not_online[0] or "Chứng thực chữ ký" in " ".join(not_online)
    bad = client.get(url, {"level": "planet"})
    assert bad.status_code == 200 and len(names(bad)) == 20


def test_nothing_found_says_so(client, catalogue):
    response = client.get(reverse("portal:procedures:index"), {"q": "ho chieu"})
    assert "Không tìm thấy thủ tục phù hợp" in response.content.decode()


def test_procedure_page_shows_every_mandatory_part(
    client, catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("portal:procedures:detail", args=["1.001193"]))
    html = response.content.decode()
    assert response.status_code == 200
    for expected in (
        "<h1>Đăng ký khai sinh</h1>",
        "1.001193",
        "Hộ tịch",
        "Cấp xã",
        "Toàn trình",
        "Công dân Việt Nam",
        "Ủy ban nhân dân cấp xã",
        "Trình tự thực hiện",
        "Cách thức thực hiện",
        "Trực tiếp",
        "Trực tuyến",
        "Qua dịch vụ bưu chính công ích",
        "Trong ngày làm việc",
        "<strong>miễn</strong>",  # the waived Lệ phí hộ tịch, never "0 đồng"
        "Thành phần hồ sơ",
        "Tờ khai đăng ký khai sinh theo mẫu",
        "Bản chính: 1; bản sao: 0",
        "Yêu cầu, điều kiện",
        "Căn cứ pháp lý",
        "60/2014/QH13",
        "Giấy khai sinh",
        "Hồ sơ nhận sau 15:00",
        "Quy trình giải quyết",
        "Nộp hồ sơ trực tuyến",
    ):
        assert expected in html, expected
    apply = reverse("portal:apply", args=["1.001193"])
    assert f'href="{apply}"' in html
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html


def test_a_procedure_not_offered_online_has_no_online_entry(client, catalogue):
    html = client.get(reverse("portal:procedures:detail", args=["2.000884"])).content.decode()
    assert "chưa nộp trực tuyến được" in html and "?next=" not in html


def test_combined_service_lists_its_procedures(client, catalogue):
    html = client.get(reverse("portal:procedures:detail", args=["2.000986"])).content.decode()
    assert 'href="/procedures/1.001193/"' in html and 'href="/procedures/1.004222/"' in html
    assert "Liên thông song song, có cơ quan chủ trì" in html
    assert "Bảo hiểm xã hội" in html


def test_unknown_and_unpublished_procedures_are_not_found(client, catalogue, people):
    assert client.get(reverse("portal:procedures:detail", args=["9.999999"])).status_code == 404
    draft = services.copy_published_to_draft("1.001193", actor=people.manager)
    services.update_draft(draft, actor=people.manager, name="Bản nháp bí mật")
    assert "Bản nháp bí mật" not in client.get(reverse("portal:procedures:index")).content.decode()


def test_a_form_downloads_with_its_name_and_type(client, catalogue):
    version = selectors.published_version_on("1.001193")
    form = version.components.get(order=1).form
    url = reverse("portal:procedures:form", args=["1.001193", form.pk])
    assert (
        url in client.get(reverse("portal:procedures:detail", args=["1.001193"])).content.decode()
    )

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == form.content_type
    assert response["Content-Disposition"] == 'attachment; filename="to-khai-dang-ky-khai-sinh.pdf"'
    assert response.content.startswith(b"%PDF") or response.content.startswith("CỘNG".encode())
    assert int(response["Content-Length"]) == form.size


def test_a_form_of_another_procedure_is_not_served(client, catalogue):
    other = FormTemplate.objects.get(title="Tờ khai thay đổi thông tin cư trú (Mẫu CT01)")
    url = reverse("portal:procedures:form", args=["1.001193", other.pk])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("portal:procedures:form", args=["1.004222", other.pk])).status_code
        == 200
    )


def test_a_tampered_form_file_is_not_served(client, catalogue):
    form = selectors.published_version_on("1.001193").components.get(order=1).form
    with open(form.file.path, "ab") as handle:
        handle.write(b"x")
    url = reverse("portal:procedures:form", args=["1.001193", form.pk])
    assert client.get(url).status_code == 404


def test_the_home_page_offers_procedure_search(client):
    html = client.get(reverse("portal:home")).content.decode()
    assert f'action="{reverse("portal:procedures:index")}"' in html
    assert 'name="q"' in html and '<label for="home-search-q">' in html
