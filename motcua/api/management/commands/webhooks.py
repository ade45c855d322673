"""``manage.py webhooks register|list|drain|demo-receiver``: webhook subscribers of docs/api.md.

    webhooks register <client_id> --name "LGSP tỉnh" --url https://lgsp.example/hooks \\
        --event dossier.received --event dossier.result_ready
    webhooks list
    webhooks drain                      # send every delivery due (cron's safety net)
    webhooks demo-receiver <name> --secret whsec_…   # the in-project test receiver

``register`` prints the signing secret once; the receiver must keep it to verify signatures."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q

from ...models import ApiClient
from ...models_webhooks import DeliveryState, DemoReceiver, WebhookEvent, WebhookSubscriber
from ...webhooks import outbox, services


class Command(BaseCommand):
    help = "Register and list webhook subscribers, send the deliveries due."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        register = commands.add_parser("register", help="A new subscriber; prints its secret.")
        register.add_argument("client_id")
        register.add_argument("--name", required=True)
        register.add_argument("--url", required=True)
        register.add_argument(
            "--event", action="append", default=[], choices=WebhookEvent.values, required=True
        )
        register.add_argument("--secret", default="", help="Given instead of a generated one.")
        commands.add_parser("list", help="Every subscriber, its events and its queue.")
        commands.add_parser("drain", help="Send every delivery that is due.")
        demo = commands.add_parser("demo-receiver", help="Create or update a demo receiver.")
        demo.add_argument("name")
        demo.add_argument("--secret", required=True)

    def handle(self, *args, **options):
        return getattr(self, f"_{options['command'].replace('-', '_')}")(options)

    def _register(self, options):
        client = ApiClient.objects.filter(application__client_id=options["client_id"]).first()
        if client is None:
            raise CommandError(f"No API client {options['client_id']}", returncode=2)
        try:
            registered = services.register(
                actor=None,
                client=client,
                name=options["name"],
                url=options["url"],
                events=options["event"],
                secret=options["secret"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages), returncode=2) from error
        self.stdout.write(f"subscriber: {registered.subscriber.pk}")
        self.stdout.write(f"secret: {registered.secret}")
        self.stdout.write("Keep the secret at the receiver: it verifies every signature.")

    def _list(self, options):
        subscribers = WebhookSubscriber.objects.select_related("client__application").annotate(
            pending=Count("deliveries", filter=Q(deliveries__state=DeliveryState.PENDING)),
            dead=Count("deliveries", filter=Q(deliveries__state=DeliveryState.DEAD)),
        )
        for s in subscribers:
            self.stdout.write(
                "\t".join(
                    [
                        str(s.pk),
                        s.client.client_id,
                        s.name,
                        s.url,
                        " ".join(s.events),
                        "active" if s.active else "stopped",
                        f"pending={s.pending}",
                        f"dead={s.dead}",
                    ]
                )
            )

    def _drain(self, options):
        self.stdout.write(f"Delivered {outbox.drain()}.")

    def _demo_receiver(self, options):
        receiver, created = DemoReceiver.objects.update_or_create(
            name=options["name"], defaults={"secret": options["secret"]}
        )
        self.stdout.write(f"{'Created' if created else 'Updated'} demo receiver {receiver.name}.")
