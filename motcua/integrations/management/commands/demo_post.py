"""``manage.py demo_post``: the demo postal operator's counter, for demonstrations and scripts.

manage.py demo_post list
manage.py demo_post advance DM123456785VN in_transit
manage.py demo_post advance DM123456785VN failed --note "Người nhận đi vắng"
"""

from django.core.management.base import BaseCommand, CommandError

from motcua.integrations.models import DemoShipment
from motcua.integrations.postal.contrib.demo import operator


class Command(BaseCommand):
    help = "Bưu điện demo: liệt kê bưu gửi, chuyển trạng thái (đẩy tin sang motcua)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        sub.add_parser("list")
        advance = sub.add_parser("advance")
        advance.add_argument("tracking_code")
        advance.add_argument("status", choices=["in_transit", "delivered", "failed"])
        advance.add_argument("--note", default="")
        advance.add_argument("--place", default="")

    def handle(self, *args, **options):
        if options["what"] == "list":
            for s in DemoShipment.objects.all()[:50]:
                self.stdout.write(f"{s.tracking_code} {s.status:<10} {s.fee} {s.address}")
            return
        try:
            event = operator.advance(
                options["tracking_code"],
                options["status"],
                note=options["note"],
                place=options["place"],
            )
        except operator.Refusal as refusal:
            raise CommandError(refusal.message) from refusal
        self.stdout.write(f"{event.event_id} {event.status}")
