"""python manage.py send_notifications — attempt every due delivery once, and put back in the
queue the background tasks whose worker stopped (run from cron every minute as the safety net
behind the task queue)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.notifications import services
from motcua.siteadmin import leases


class Command(BaseCommand):
    help = "Gửi các thông báo đến hạn gửi (lần đầu hoặc gửi lại sau lỗi)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="Số thông báo tối đa mỗi lần.")

    def handle(self, *args, **options):
        counts = services.send_due(limit=options["limit"])
        total = sum(counts.values())
        detail = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items()))
        line = _("Đã xử lý %(n)d thông báo") % {"n": total}
        self.stdout.write(f"{line} ({detail})" if detail else line)
        requeued = leases.requeue_stuck()
        if requeued:
            self.stdout.write(
                _("Đã đưa lại vào hàng đợi %(n)d tác vụ nền bị treo (tiến trình xử lý đã dừng).")
                % {"n": requeued}
            )
