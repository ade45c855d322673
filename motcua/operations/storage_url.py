"""The address of the object store (STORAGE_URL) read into Django's STORAGES entry.

Imported by settings.py, so it imports nothing of Django's models.

    s3://BUCKET?endpoint_url=http://127.0.0.1:9000&region_name=us-east-1&location=prefix
    s3://KEY:SECRET@BUCKET?endpoint_url=...          (credentials in the address)

Without credentials in the address boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

# Options of django-storages' S3Storage that the address may set; anything else is a typo.
_OPTIONS = {
    "endpoint_url": str,
    "region_name": str,
    "location": str,
    "addressing_style": str,
    "signature_version": str,
    "querystring_expire": int,
    "verify": lambda value: value.lower() not in {"0", "false", "no", "off"},
}


def storage_from_url(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.hostname:
        raise ImproperlyConfigured(
            f"STORAGE_URL must look like s3://bucket?endpoint_url=..., not {url!r}"
        )
    options: dict = {
        "bucket_name": parts.hostname,
        # Names are ours (uuid), never the uploader's; never silently replace an object.
        "file_overwrite": False,
        "default_acl": None,
        "querystring_auth": True,
        "addressing_style": "path",
    }
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key not in _OPTIONS:
            raise ImproperlyConfigured(
                f"STORAGE_URL: unknown option {key!r} (known: {', '.join(sorted(_OPTIONS))})"
            )
        options[key] = _OPTIONS[key](value)
    if parts.username:
        options["access_key"] = unquote(parts.username)
        options["secret_key"] = unquote(parts.password or "")
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
