"""Pages reached by a link, not only by URL: the dossier register from the officers'
navigation, the public signature verification from every page's footer."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _link(url: str) -> str:
    return f'<a href="{url}">'


def test_officers_navigation_links_the_dossier_register(as_user, people):
    register = reverse("notices:register")
    for officer in (people.desk_x, people.specialist_x, people.leader_x, people.manager):
        client = as_user(officer)
        html = client.get(reverse("backoffice:home")).content.decode()
        assert _link(register) + "Sổ theo dõi hồ sơ</a>" in html
        assert client.get(register).status_code == 200


def test_applicants_and_visitors_get_no_register_link(client, as_user, people):
    register = reverse("notices:register")
    assert _link(register) not in client.get(reverse("backoffice:login")).content.decode()
    page = as_user(people.citizen_a).get(reverse("portal:home")).content.decode()
    assert _link(register) not in page


def test_every_footer_links_the_signature_verification(client, as_user, people):
    verify = _link(reverse("signatures:verify")) + "Kiểm tra chữ ký số trên văn bản</a>"
    assert verify in client.get(reverse("portal:home")).content.decode()
    assert verify in client.get(reverse("backoffice:login")).content.decode()
    assert verify in as_user(people.desk_x).get(reverse("backoffice:home")).content.decode()
    assert client.get(reverse("signatures:verify")).status_code == 200
