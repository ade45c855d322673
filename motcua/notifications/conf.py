"""Notification settings, read from the environment when used.

- ``NOTIFICATIONS_EMAIL_PROVIDER``: e-mail plugin (default ``email``: Django's mail settings).
- ``NOTIFICATIONS_SMS_PROVIDER``: SMS plugin (default ``demo_sms``: a delivery log table).
- ``NOTIFICATIONS_DEMO_SMS_DOWN``: ``true`` makes the demo SMS provider fail every send, to
  watch retries with backoff.
"""

import os

from .constants import Channel


def provider_for(channel: str) -> str:
    if channel == Channel.EMAIL:
        return os.environ.get("NOTIFICATIONS_EMAIL_PROVIDER", "email")
    return os.environ.get("NOTIFICATIONS_SMS_PROVIDER", "demo_sms")


def demo_sms_down() -> bool:
    return os.environ.get("NOTIFICATIONS_DEMO_SMS_DOWN", "").lower() in {"1", "true", "yes", "on"}
