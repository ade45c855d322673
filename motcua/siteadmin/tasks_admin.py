"""The background-task results in the admin, with Vietnamese labels where the package's admin
has English ones that no catalogue can translate (names taken from methods and properties)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin

from . import leases


class StuckFilter(admin.SimpleListFilter):
    """RUNNING tasks whose worker stopped (no heartbeat for a lease; #17 item 8)."""

    title = _("tình trạng xử lý")
    parameter_name = "lease"

    def lookups(self, request, model_admin):
        return [("stuck", _("Bị treo (tiến trình xử lý đã dừng)"))]

    def queryset(self, request, queryset):
        if self.value() == "stuck":
            return queryset.filter(pk__in=leases.stuck().values("pk"))
        return queryset


class TaskResultAdmin(DBTaskResultAdmin):
    list_filter = (StuckFilter, *DBTaskResultAdmin.list_filter)
    actions = ["requeue"]

    @admin.action(description=_("Đưa lại vào hàng đợi (chỉ tác vụ bị treo)"))
    def requeue(self, request, queryset):
        count = leases.requeue_stuck(only=queryset)
        self.message_user(
            request,
            ngettext(
                "Đã đưa lại %(n)d tác vụ bị treo vào hàng đợi.",
                "Đã đưa lại %(n)d tác vụ bị treo vào hàng đợi.",
                count,
            )
            % {"n": count},
            messages.SUCCESS if count else messages.WARNING,
        )

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
