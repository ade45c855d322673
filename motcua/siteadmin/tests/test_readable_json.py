"""JSON values in the admin are readable: indented, Vietnamese letters as they are (#14 item 9)."""

import pytest
from django.urls import reverse

from motcua.accounts.models import User, UserKind
from motcua.audit import services as audit
from motcua.audit.models import AuditEntry
from motcua.feedback.models import CriteriaSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser(
        "quantri", "quantri@example.vn", "x", full_name="Nguyễn Văn Quản", kind=UserKind.OFFICER
    )
    client.force_login(admin)
    return client


def test_a_read_only_json_value_is_indented_and_unescaped(admin_client, people):
    audit.record(
        actor=people.desk_x, verb="receive", obj=people.citizen_a, ly_do="Thiếu giấy tờ", so_ban=2
    )
    entry = AuditEntry.objects.get(verb="receive")
    page = admin_client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert '<pre class="readable-json">{\n  &quot;ly_do&quot;: &quot;Thiếu giấy tờ&quot;,' in body
    assert "\\u" not in body.split('class="readable-json"')[1][:200]
    assert "Chi tiết" in body  # the field keeps its own label


def test_an_editable_json_value_is_indented_and_saves_unchanged(admin_client):
    criteria_set = CriteriaSet.objects.first()
    url = reverse("admin:feedback_criteriaset_change", args=[criteria_set.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    formset = response.context["inline_admin_formsets"][0].formset
    before = list(criteria_set.criteria.values_list("options", flat=True))
    assert formset.forms[0]["options"].value().startswith('[\n  {\n    "code": "2",')

    data = {**_form_data(form), **_formset_data(formset)}
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert list(criteria_set.criteria.values_list("options", flat=True)) == before


def _form_data(form) -> dict:
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        data[bound.html_name] = "on" if value is True else value
    return data


def _formset_data(formset) -> dict:
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
        f"{formset.prefix}-INITIAL_FORMS": str(len(formset.forms)),
    }
    for form in formset.forms:
        data.update(_form_data(form))
    return data
