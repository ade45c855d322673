"""The catalogue administration: drafts are edited, published versions are read-only, and the
actions call the services."""

import datetime

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import make_officer
from motcua.catalog.constants import VersionStatus
from motcua.catalog.models import Component, ProcedureVersion
from motcua.catalog.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_officer("Quản trị", is_superuser=True))
    return client


def change_url(version):
    return reverse("admin:catalog_procedureversion_change", args=[version.pk])


def test_lists_and_pages_render(admin_client):
    version = factories.published("1.001193")
    draft = factories.draft("1.000656", name="Đăng ký khai tử")
    assert admin_client.get(reverse("admin:catalog_procedureversion_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:catalog_procedure_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:catalog_procedureversion_add")).status_code == 200
    published_page = admin_client.get(change_url(version)).content.decode()
    assert 'name="name"' not in published_page  # read-only
    draft_page = admin_client.get(change_url(draft)).content.decode()
    assert 'name="name"' in draft_page
    term = draft.channels.first()
    url = reverse("admin:catalog_channelterm_change", args=[term.pk])
    assert admin_client.get(url).status_code == 200


def test_a_published_version_cannot_be_saved_from_the_admin(admin_client):
    version = factories.published("1.001193")
    response = admin_client.post(change_url(version), {"name": "Đổi tên"})
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.name == "Đăng ký khai sinh"


def _page_data(page) -> dict:
    """What the change page would post back unchanged."""
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None
    }
    data.update(subjects='["citizen"]')
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for field in management:
            data[f"{management.prefix}-{field.name}"] = field.value()
        for form in formset.formset.forms:
            for field in form:
                value = field.value()
                if value is not None and not isinstance(value, bool):
                    data[f"{form.prefix}-{field.name}"] = value
                elif value is True:
                    data[f"{form.prefix}-{field.name}"] = "on"
    return data


def _component_prefix(page) -> str:
    formset = next(
        f.formset for f in page.context["inline_admin_formsets"] if f.opts.model is Component
    )
    return formset.forms[0].prefix


def test_editing_a_draft_goes_through_the_service(admin_client):
    draft = factories.draft("1.001193")
    page = admin_client.get(change_url(draft))
    data = _page_data(page)
    data.update(name="Đăng ký khai sinh (sửa)")
    response = admin_client.post(change_url(draft), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    draft.refresh_from_db()
    assert draft.name == "Đăng ký khai sinh (sửa)"
    assert draft.search_name == " dang ki khai sinh sua "  # kí and ký fold alike
    assert draft.events.last().kind == "edited"


def test_a_components_upload_limits_are_edited_in_the_draft(admin_client):
    draft = factories.draft("1.001193")
    page = admin_client.get(change_url(draft))
    prefix = _component_prefix(page)
    html = page.content.decode()
    assert f'name="{prefix}-max_upload_mb"' in html
    assert html.count(f'name="{prefix}-accepted_types"') == 3  # one box per type

    data = _page_data(page)
    data[f"{prefix}-accepted_types"] = []
    response = admin_client.post(change_url(draft), data)
    assert response.status_code == 200  # at least one type must stay ticked

    data[f"{prefix}-max_upload_mb"] = "2"
    data[f"{prefix}-accepted_types"] = ["image/png", "application/pdf"]
    response = admin_client.post(change_url(draft), data)
    assert response.status_code == 302
    component = draft.components.order_by("order").first()
    assert component.max_upload_bytes == 2 * 1024 * 1024
    assert component.accepted_types == ["application/pdf", "image/png"]


def test_actions_copy_validate_publish_and_withdraw(admin_client):
    version = factories.published("1.001193")
    changelist = reverse("admin:catalog_procedureversion_changelist")

    admin_client.post(changelist, {"action": "copy_to_draft", "_selected_action": [version.pk]})
    draft = ProcedureVersion.objects.get(number=2)
    assert draft.status == VersionStatus.DRAFT

    response = admin_client.post(
        changelist, {"action": "validate", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Chưa có số quyết định công bố." in response.content.decode()

    ProcedureVersion.objects.filter(pk=draft.pk).update(
        valid_from=datetime.date(2026, 1, 1),
        decision_number="2/QĐ-UBND",
        decision_date=datetime.date(2025, 12, 20),
    )
    admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    version.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert version.valid_to == datetime.date(2025, 12, 31)

    admin_client.post(changelist, {"action": "withdraw", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == VersionStatus.WITHDRAWN
