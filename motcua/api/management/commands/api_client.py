"""``manage.py api_client create|list|revoke``: the API clients (hệ thống kết nối) of docs/api.md.

    api_client create --name "LGSP tỉnh" --agency 000.00.00.H36 --scope dossiers:read \\
        [--scope dossiers:write --role desk_officer]
    api_client list
    api_client revoke <client_id> --reason "Hết hợp đồng"

``create`` prints the client id and the secret once: the secret is stored hashed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from motcua.agencies.constants import Role
from motcua.agencies.selectors import find_by_code

from ... import services
from ...constants import Scope
from ...models import ApiClient


class Command(BaseCommand):
    help = "Create, list or revoke API clients (OAuth2 client credentials)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        create = commands.add_parser("create", help="A new client; prints its id and secret once.")
        create.add_argument("--name", required=True)
        create.add_argument(
            "--agency",
            action="append",
            default=[],
            help="Identity code of an agency it sees (with its sub-units); repeat for more.",
        )
        create.add_argument(
            "--scope", action="append", default=[], choices=Scope.values, help="Repeat for more."
        )
        create.add_argument(
            "--role",
            action="append",
            default=[],
            choices=Role.values,
            help="Role of the client's officer account at each agency (for dossiers:write).",
        )
        create.add_argument("--contact", default="")
        commands.add_parser("list", help="Every client with its scopes, agencies and state.")
        revoke = commands.add_parser("revoke", help="Revoke a client and its tokens at once.")
        revoke.add_argument("client_id")
        revoke.add_argument("--reason", default="")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['command']}")(options)

    def _create(self, options):
        found = []
        for code in options["agency"]:
            agency = find_by_code(code)
            if agency is None:
                raise CommandError(f"Unknown agency code: {code}", returncode=2)
            found.append(agency)
        try:
            issued = services.create_client(
                actor=None,
                name=options["name"],
                agencies=found,
                scopes=options["scope"],
                contact=options["contact"],
                roles=options["role"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages), returncode=2) from error
        self.stdout.write(f"client_id: {issued.client.client_id}")
        self.stdout.write(f"client_secret: {issued.client_secret}")
        self.stdout.write(f"officer: {issued.client.officer.username}")
        self.stdout.write("The secret is shown only now; it is stored hashed.")

    def _list(self, options):
        clients = ApiClient.objects.select_related("application").prefetch_related("agencies")
        for client in clients:
            state = f"revoked {client.revoked_at:%Y-%m-%d %H:%M}" if client.revoked_at else "active"
            agencies = ",".join(a.code or str(a.pk) for a in client.agencies.all()) or "-"
            self.stdout.write(
                "\t".join([client.client_id, str(client), " ".join(client.scopes), agencies, state])
            )

    def _revoke(self, options):
        client = (
            ApiClient.objects.select_related("application")
            .filter(application__client_id=options["client_id"])
            .first()
        )
        if client is None:
            raise CommandError(f"No API client {options['client_id']}", returncode=2)
        services.revoke_client(client, actor=None, reason=options["reason"])
        self.stdout.write(f"Revoked {client.client_id} ({client}).")
