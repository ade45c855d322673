"""``python manage.py signatures demo-ca``: create (or show) the demo certificate authority and,
optionally, signing certificates for every agency with a one-stop desk."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from motcua.agencies.models import Agency
from motcua.signatures.base import SignerIdentity, agency_key
from motcua.signatures.contrib.demo import authority


class Command(BaseCommand):
    help = "Demo signing material under VAR_DIR/signing/ (never for production use)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        demo = sub.add_parser("demo-ca", help="Create the demo CA (and agency certificates).")
        demo.add_argument(
            "--agencies",
            action="store_true",
            help="Also issue a seal certificate for every agency with a one-stop desk.",
        )

    def handle(self, *args, **options):
        root = authority.authority()
        self.stdout.write(f"Demo CA: {root.cert_path}")
        if options.get("agencies"):
            for agency in Agency.objects.filter(runs_one_stop_desk=True).order_by("path"):
                identity = SignerIdentity(
                    key=agency_key(agency), common_name=agency.name, organization=agency.name
                )
                material = authority.signer_material(identity)
                self.stdout.write(f"{agency.name}: {material.cert_path}")
