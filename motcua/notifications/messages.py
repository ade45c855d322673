"""Rendering a topic's message for a channel from templates/notifications/messages/."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from motcua.dossiers.constants import Status

from .constants import Channel


def fold_vietnamese(text: str) -> str:
    """Vietnamese without diacritics: an SMS in the GSM alphabet costs a third of one in
    Unicode, and every phone shows it."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _dong(value) -> str:
    """Whole đồng grouped by dots (150000 → 150.000); empty when the event names no amount."""
    try:
        return f"{int(Decimal(str(value))):,}".replace(",", ".") if value else ""
    except InvalidOperation:
        return ""


def _context(event) -> dict:
    dossier = event.dossier
    data = event.data or {}
    due = event.due_at or dossier.due_at
    context = {
        "dossier": dossier,
        "code": dossier.code,
        "name": dossier.applicant_name,
        "procedure": dossier.procedure_version.name,
        "unit": dossier.receiving_unit.name,
        "due": timezone.localtime(due).strftime("%H:%M %d/%m/%Y") if due else "",
        "reason": event.reason,
        "items": [item for item in data.get("items", []) if isinstance(item, dict)],
        "amount": _dong(data.get("amount")),
        "site_url": settings.SITE_URL,
    }
    context["pay_url"] = settings.SITE_URL + reverse("payments:pay", args=[dossier.code])
    # An applicant with an account follows the dossier, and rates it once the result is out,
    # from links in the message (walk-in applicants without one rate at the desk).
    if dossier.applicant_id:
        context["dossier_url"] = settings.SITE_URL + reverse("portal:dossier", args=[dossier.code])
        context["rate_url"] = settings.SITE_URL + reverse("feedback:rate", args=[dossier.code])
        # A citizen survey covering the unit (khảo sát) is offered beside the rating.
        from motcua.feedback.surveys.selectors import open_for_dossier

        surveys = open_for_dossier(dossier) if event.to_status == Status.RESULT_READY else []
        if surveys:
            context["survey_url"] = settings.SITE_URL + reverse(
                "feedback:surveys:dossier", args=[surveys[0].code, dossier.code]
            )
    return context


def render(topic: str, channel: str, event) -> tuple[str, str]:
    """(subject, body) in Vietnamese; SMS bodies are folded to plain letters."""
    context = _context(event)
    with translation.override(settings.LANGUAGE_CODE):
        base = f"notifications/messages/{topic}"
        if channel == Channel.SMS:
            body = render_to_string(f"{base}.sms.txt", context).strip()
            return "", fold_vietnamese(" ".join(body.split()))
        subject = " ".join(render_to_string(f"{base}.subject.txt", context).split())
        body = render_to_string(f"{base}.email.txt", context).strip() + "\n"
        return subject, body
