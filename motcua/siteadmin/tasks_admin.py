"""The background-task results in the admin, with Vietnamese labels where the package's admin
has English ones that no catalogue can translate (names taken from methods and properties)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin


class TaskResultAdmin(DBTaskResultAdmin):
    list_display = (
        "id",
        "task_label",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    )

    @admin.display(description=_("tên tác vụ"))
    def task_label(self, obj):
        return obj.task_name

    @admin.display(description=_("lỗi chi tiết (traceback)"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=_("chạy sau thời điểm"))
    def display_run_after(self, obj):
        return super().display_run_after(obj)
