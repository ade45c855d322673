"""The administration site has no English left in Vietnamese (#14 item 9): third-party apps and
models named in Vietnamese, newer admin strings translated, greeting by full name."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from motcua.accounts.models import User, UserKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_page(client):
    admin = User.objects.create_superuser(
        "quantri", "quantri@example.vn", "x", full_name="Nguyễn Văn Quản", kind=UserKind.OFFICER
    )
    client.force_login(admin)
    return client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize(
    "vietnamese",
    [
        "Tác vụ nền",
        "Kết quả tác vụ nền",
        "Nhà cung cấp định danh (OpenID Connect)",
        "Mã truy cập",
        "Ứng dụng kết nối",
        "Xác thực và ủy quyền",
        "Bỏ qua, đến nội dung chính",
    ],
)
def test_admin_index_names_apps_and_models_in_vietnamese(admin_page, vietnamese):
    assert vietnamese in admin_page


@pytest.mark.parametrize(
    "english",
    [
        "Django_Tasks",
        "Tasks Database Backend",
        "Task Results",
        "Django OAuth Toolkit",
        "Access tokens",
        "Authentication and Authorization",
        "Model name",
        "Skip to main content",
        "Toggle theme",
    ],
)
def test_admin_index_has_no_english(admin_page, english):
    assert english not in admin_page


def test_admin_greets_by_full_name(admin_page):
    assert "Xin chào, <strong>Nguyễn Văn Quản</strong>" in admin_page
    assert "Chào mừng bạn" not in admin_page


def test_third_party_model_names_need_no_migration():
    out = StringIO()
    call_command(
        "makemigrations",
        "oauth2_provider",
        "django_tasks_database",
        check=True,
        dry_run=True,
        stdout=out,
    )
    assert "No changes detected" in out.getvalue()


# Names that are the same in both languages.
SAME_IN_BOTH = {"ID", "SHA-256", "URL", "QR"}


def test_every_field_of_our_models_has_a_vietnamese_name():
    """A field without verbose_name shows its code name ("actor", "created at") in the admin."""
    import re

    from django.apps import apps

    english = [
        f"{model._meta.label}.{field.name}: {field.verbose_name}"
        for model in apps.get_models()
        if model.__module__.startswith("motcua.")
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many) and not field.auto_created
        if re.fullmatch(r"[A-Za-z0-9 _()./-]+", str(field.verbose_name))
        and str(field.verbose_name) not in SAME_IN_BOTH
    ]
    assert english == []


def test_background_task_list_in_vietnamese(client, admin_page):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.create(
        task_path="motcua.notifications.tasks.dispatch_event",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )
    page = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    body = page.content.decode()
    assert page.status_code == 200
    for vietnamese in ["Tên tác vụ", "Trạng thái", "Đưa vào hàng đợi lúc", "Chờ chạy"]:
        assert vietnamese in body
    for english in ["Task name", "Enqueued at", "Started at", "Queue name"]:
        assert english not in body


def test_every_model_and_app_shown_in_the_admin_has_a_vietnamese_name():
    import re

    from django.apps import apps
    from django.contrib import admin

    from motcua.siteadmin.discovery import discover

    discover()  # as the URLconf does (the admin's modules are not imported at start-up)

    def english(text) -> bool:
        return bool(re.fullmatch(r"[A-Za-z0-9 _()./-]+", str(text)))

    models = [m for m in apps.get_models() if m.__module__.startswith("motcua.")]
    models += list(admin.site._registry)
    named_in_english = sorted(
        {m._meta.label for m in models if english(m._meta.verbose_name_plural)}
        | {m._meta.app_config.label for m in models if english(m._meta.app_config.verbose_name)}
    )
    assert named_in_english == []
