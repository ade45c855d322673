"""Register the portal as a client of the demo identity provider (VNeID mô phỏng); idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from oauth2_provider.models import get_application_model


class Command(BaseCommand):
    help = "Create or update the portal's OAuth application at the in-project demo VNeID provider."

    def add_arguments(self, parser):
        parser.add_argument(
            "--redirect-uri",
            action="append",
            default=[],
            help="Allowed callback address (repeatable); default SITE_URL/oidc/callback/.",
        )

    def handle(self, *args, redirect_uri, **options):
        if not settings.IDP_ENABLED:
            raise CommandError(
                "The demo identity provider is off (DEBUG off, no IDP_RSA_PRIVATE_KEY)."
            )
        if not settings.OIDC_RP_CLIENT_ID or not settings.OIDC_RP_CLIENT_SECRET:
            raise CommandError("OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET are needed.")
        uris = redirect_uri or [f"{settings.SITE_URL}/oidc/callback/"]
        Application = get_application_model()
        application, created = Application.objects.update_or_create(
            client_id=settings.OIDC_RP_CLIENT_ID,
            defaults={
                "name": "Cổng dịch vụ công motcua",
                "client_type": Application.CLIENT_CONFIDENTIAL,
                "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
                "client_secret": settings.OIDC_RP_CLIENT_SECRET,
                "redirect_uris": " ".join(uris),
                "algorithm": Application.RS256_ALGORITHM,
                "skip_authorization": False,
            },
        )
        verb = "Created" if created else "Updated"
        self.stdout.write(
            f"{verb} the demo VNeID client {application.client_id} → {' '.join(uris)}"
        )
