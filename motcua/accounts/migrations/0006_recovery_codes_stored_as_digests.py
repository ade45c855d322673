"""Recovery codes (django-otp's static tokens) kept as digests from now on: those already
stored in clear are replaced by their digest, so the codes officers hold keep working and a
dump of the database no longer gives them (motcua.backoffice.second_factor.services)."""

from django.db import migrations
from django.utils.crypto import salted_hmac


def digest_stored_codes(apps, schema_editor):
    # As motcua.backoffice.second_factor.services.recovery_code_digest did when this was written.
    def recovery_code_digest(code: str) -> str:
        normalised = code.strip().replace(" ", "").lower()
        return salted_hmac(
            "motcua.second_factor.recovery_code", normalised, algorithm="sha256"
        ).hexdigest()[:16]

    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all().iterator():
        token.token = recovery_code_digest(token.token)
        token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_user_sign_in_epoch"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(digest_stored_codes, migrations.RunPython.noop)]
