"""The dossier's admin page opens and shows its form data readably (#14 item 9)."""

import pytest
from django.urls import reverse

from motcua.accounts.models import User, UserKind
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def test_the_dossier_admin_page_shows_form_data_indented(client, walk_in):
    dossier = walk_in()
    # What the form holds is beside the point here; only how the admin shows it.
    Dossier.objects.filter(pk=dossier.pk).update(
        form_data={"fields": {"ten_giay_to": "Giấy khai sinh"}}
    )
    admin = User.objects.create_superuser(
        "quantri", "quantri@example.vn", "x", full_name="Nguyễn Văn Quản", kind=UserKind.OFFICER
    )
    client.force_login(admin)
    response = client.get(reverse("admin:dossiers_dossier_change", args=[dossier.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<pre class="readable-json">{\n  &quot;fields&quot;: {\n    &quot;ten_giay_to' in body
    assert "Giấy khai sinh" in body
    assert body.count("field-form_data__readable") == 1


def test_history_rows_are_titled_in_words_not_codes(walk_in):
    event = walk_in().events.first()
    assert str(event) == f"{event.dossier_id}#{event.sequence} {event.get_action_display()}"
    assert event.action not in str(event)
