"""``manage.py postal_poll``: the pull of the public postal service — resend the orders the
operator has not confirmed, and fetch the status of every order not final (a lost push is caught
here). Run it from cron every few minutes; it is idempotent."""

from django.core.management.base import BaseCommand

from motcua.integrations.postal import services


class Command(BaseCommand):
    help = "Bưu chính công ích: gửi lại yêu cầu chưa được nhận và tra cứu trạng thái bưu gửi."

    def handle(self, *args, **options):
        counts = services.poll()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in counts.items()))
