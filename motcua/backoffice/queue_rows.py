"""The rows of a work queue page (danh sách hồ sơ cần xử lý), drawn in Python.

A page is 50 rows of seven cells. Through the template engine each cell is a variable looked
up, localised and escaped in a context stack — two thirds of the page's template time. Here
each row's text is computed once and escaped once into one string of markup; the template
only places the table body. The markup is the template's: a row's cells carry the column
names (``data-label``) that the narrow layout shows beside each value."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

from motcua.dossiers.constants import Status
from motcua.dossiers.holding import holding

from . import selectors

PROCEDURE_CHARS = 80


def _shortened(text: str, limit: int = PROCEDURE_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (as ``Truncator.chars``)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _due_text(due) -> str:
    """ "H:i d/m/Y" in the local time zone: the queue's one date format, without the
    per-call format parsing of ``date_format``."""
    local = localtime(due)
    return f"{local:%H:%M %d/%m/%Y}"


def rows(dossiers, horizon) -> list[dict]:
    """What each row shows, as text computed once, and its markup (``html``)."""
    # reverse() once: a dossier's address is the pattern's with its code in the place.
    link = reverse("backoffice:dossier", args=["CODE"]).removesuffix("CODE/")
    pick = gettext("Chọn hồ sơ %(code)s")
    # Translated once: ``get_status_display`` hashes every lazy label of the choices per call
    # (a thousand translations a page).
    statuses = {value: str(label) for value, label in Status.choices}
    found = []
    for d in dossiers:
        due = d.due_at or d.intake_due_at
        found.append(
            {
                "dossier": d,
                "pk": d.pk,
                "code": d.code,
                "url": f"{link}{quote(d.code, safe='')}/",
                "pick": f"{d.code}@{d.version}",
                "pick_label": pick % {"code": d.code},
                "applicant": d.applicant_name,
                "procedure": _shortened(d.procedure_version.name),
                "status": statuses.get(d.status, d.status),
                "due": _due_text(due) if due else "",
                "badge": selectors.due_badge(d, horizon=horizon),
                "holding": str(holding(d, d.open_steps)),
            }
        )
    return found


def table_body(found: list[dict], *, can_assign: bool) -> SafeString:
    """The ``<tr>`` of each row of ``rows``, every value escaped."""
    labels = {
        "applicant": escape(gettext("Chủ hồ sơ")),
        "procedure": escape(gettext("Thủ tục")),
        "status": escape(gettext("Trạng thái")),
        "due": escape(gettext("Hạn")),
        "holding": escape(gettext("Đang ở")),
    }
    parts = []
    for row in found:
        badge = row["badge"]
        pick = (
            f'<input type="checkbox" name="dossiers" value="{escape(row["pick"])}" '
            f'id="pick-{row["pk"]}"><label for="pick-{row["pk"]}" class="visually-hidden">'
            f"{escape(row['pick_label'])}</label>"
            if can_assign
            else ""
        )
        opening = f'<tr class="row-{escape(badge.css)}">' if badge else "<tr>"
        parts.append(
            f"{opening}"
            f'<td class="stack-inline">{pick}</td>'
            f'<th scope="row"><a href="{escape(row["url"])}">{escape(row["code"])}</a></th>'
            f'<td data-label="{labels["applicant"]}">{escape(row["applicant"])}</td>'
            f'<td data-label="{labels["procedure"]}">{escape(row["procedure"])}</td>'
            f'<td data-label="{labels["status"]}">{escape(row["status"])}</td>'
            f'<td data-label="{labels["due"]}">{escape(row["due"])} {badge or ""}</td>'
            f'<td data-label="{labels["holding"]}">{escape(row["holding"])}</td>'
            "</tr>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308, B703: every value escaped above
