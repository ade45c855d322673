"""The rows of a work queue page (danh sách hồ sơ cần xử lý), drawn in Python.

A page is 50 rows of seven cells. Through the template engine each cell is a variable looked
up, localised and escaped in a context stack — two thirds of the page's template time. Here
each row's text is computed once and escaped once into one string of markup; the template
only places the table body. The markup is the template's: a row's cells carry the column
names (``data-label``) that the narrow layout shows beside each value.

The rows are read as plain values, not model instances: a page of dossiers with their
procedure, holder and open steps built as instances (and the steps prefetched) was a third of
the page's Python. What the badge (``selectors.due_badge``) and "Đang ở" (``holding``) read of a
dossier and its steps is carried by small objects with the same attribute names."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import get_language, gettext

from motcua.compiled_queries import CompiledQuery
from motcua.dossiers.constants import Status
from motcua.dossiers.holding import holding
from motcua.dossiers.models import DossierStep

from . import selectors

PROCEDURE_CHARS = 80


# What a row shows and what its badge and "Đang ở" read: a dossier row holds its form data,
# search text and a dozen more columns the list never shows (2 kB a row with its procedure and
# holder).
ROW_VALUES = (
    "id",
    "code",
    "version",
    "status",
    "applicant_name",
    "due_at",
    "intake_due_at",
    "holder_id",
    "procedure_version__name",
    "holder__short_name",
    "holder__name",
)


@dataclass(frozen=True, slots=True)
class Place:
    """The agency holding a row, as ``holding`` reads it."""

    display_name: str


@dataclass(frozen=True, slots=True)
class Person:
    """The officer on an open step, as ``holding`` reads them."""

    full_name: str

    def get_full_name(self) -> str:
        return self.full_name


@dataclass(frozen=True, slots=True)
class OpenStep:
    """A started, unfinished step of a row's internal process, as ``holding`` reads it."""

    order: int
    name: str
    unit_kind: str
    role: str
    agency_id: int | None
    assignee_id: int | None
    assignee: Person | None
    started_at: datetime.datetime
    finished_at: None = None


@dataclass(slots=True)
class Row:
    """One dossier of a queue page, as its row, its badge and "Đang ở" read it."""

    pk: int
    code: str
    version: int
    status: str
    applicant_name: str
    due_at: datetime.datetime | None
    intake_due_at: datetime.datetime | None
    holder_id: int | None
    procedure_name: str
    holder: Place | None
    # The page's "about to be late" count (``selectors.with_soon_count``), the same on every row.
    soon_found: int | None = None
    open_steps: list[OpenStep] = field(default_factory=list)


def read(qs, cursor: str = "") -> tuple[list[Row], str]:
    """One page of ``qs`` after ``cursor`` (``selectors.page``), read as ``Row``, and the cursor
    of the next page ("" when none). Two queries: the page (with ``soon_found`` when ``qs`` is
    annotated with it) and the open steps of its rows, with their assignees' names."""
    names = ROW_VALUES + (("soon_found",) if "soon_found" in qs.query.annotations else ())
    found = list(selectors.page_queryset(qs.values_list(*names), cursor))
    more = len(found) > selectors.PAGE_SIZE
    del found[selectors.PAGE_SIZE :]
    places: dict[int, Place] = {}
    rows = []
    shown = len(ROW_VALUES)
    for values in found:
        *row, holder_id, procedure, short_name, holder_name = values[:shown]
        place = places.get(holder_id)
        if place is None and holder_id is not None:
            place = places[holder_id] = Place(short_name or holder_name)
        soon = values[shown] if len(values) > shown else None
        rows.append(Row(*row, holder_id, procedure, place, soon))
    _add_open_steps(rows)
    return rows, (selectors.encode_cursor(rows[-1]) if more else "")


def _add_open_steps(rows: list[Row]) -> None:
    """Each row's started, unfinished steps with their assignees (one query for the page)."""
    if not rows:
        return
    by_pk = {row.pk: row for row in rows}
    for (
        dossier_id,
        order,
        name,
        kind,
        role,
        agency_id,
        assignee_id,
        full,
        user,
        at,
    ) in _open_steps.rows(*by_pk):
        person = Person(full or user) if assignee_id is not None else None
        by_pk[dossier_id].open_steps.append(
            OpenStep(order, name, kind, role, agency_id, assignee_id, person, at)
        )


STEP_VALUES = (
    "dossier_id",
    "order",
    "name",
    "unit_kind",
    "role",
    "agency_id",
    "assignee_id",
    "assignee__full_name",
    "assignee__username",
    "started_at",
)


def _open_steps_query(*ids: int):
    return DossierStep.objects.filter(
        dossier_id__in=ids, started_at__isnull=False, finished_at__isnull=True
    ).values_list(*STEP_VALUES)


# Compiled once per page length (at most ``PAGE_SIZE``): compiling it on every page cost more
# than running it.
_open_steps = CompiledQuery(DossierStep, _open_steps_query)


def _shortened(text: str, limit: int = PROCEDURE_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (as ``Truncator.chars``)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _due_text(due: datetime.datetime, zone) -> str:
    """ "H:i d/m/Y" in ``zone`` (the local time zone, read once a page): the queue's one date
    format, without the per-call format parsing of ``date_format``."""
    t = due.astimezone(zone)
    return f"{t.hour:02}:{t.minute:02} {t.day:02}/{t.month:02}/{t.year}"


@dataclass(frozen=True, slots=True)
class Labels:
    """A page's words in one language: the statuses' names, the checkbox's label and the
    columns' names (escaped, as the cells' ``data-label``)."""

    statuses: dict[str, str]
    pick: str
    columns: dict[str, str]


_labels: dict[str | None, Labels] = {}


def labels() -> Labels:
    """``Labels`` in the active language, translated once per language in a process: through
    ``get_status_display`` each row hashed every lazy label of the choices (a thousand
    translations a page)."""
    language = get_language()
    found = _labels.get(language)
    if found is None:
        found = _labels[language] = Labels(
            statuses={value: str(label) for value, label in Status.choices},
            pick=gettext("Chọn hồ sơ %(code)s"),
            columns={
                "applicant": escape(gettext("Chủ hồ sơ")),
                "procedure": escape(gettext("Thủ tục")),
                "status": escape(gettext("Trạng thái")),
                "due": escape(gettext("Hạn")),
                "holding": escape(gettext("Đang ở")),
            },
        )
    return found


def rows(dossiers: list[Row], horizon) -> list[dict]:
    """What each row shows, as text computed once (``table_body`` draws it)."""
    # reverse() once: a dossier's address is the pattern's with its code in the place.
    link = reverse("backoffice:dossier", args=["CODE"]).removesuffix("CODE/")
    words = labels()
    statuses = words.statuses
    zone = get_current_timezone()
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
                "pick_label": words.pick % {"code": d.code},
                "applicant": d.applicant_name,
                "procedure": _shortened(d.procedure_name),
                "status": statuses.get(d.status, d.status),
                "due": _due_text(due, zone) if due else "",
                "badge": selectors.due_badge(d, horizon=horizon),
                "holding": str(holding(d, d.open_steps)),
            }
        )
    return found


def table_body(found: list[dict], *, can_assign: bool) -> SafeString:
    """The ``<tr>`` of each row of ``rows``, every value escaped."""
    columns = labels().columns
    applicant, procedure, status, due, holder = (
        columns["applicant"],
        columns["procedure"],
        columns["status"],
        columns["due"],
        columns["holding"],
    )
    # A page's badges are few but for "about to be late" ones: each drawn once.
    badges: dict[object, str] = {}
    parts = []
    for row in found:
        badge = row["badge"]
        if badge:
            markup = badges.get(badge)
            if markup is None:
                markup = badges[badge] = str(badge)
            opening = f'<tr class="row-{escape(badge.css)}">'
        else:
            markup = ""
            opening = "<tr>"
        pk = row["pk"]
        pick = (
            f'<input type="checkbox" name="dossiers" value="{escape(row["pick"])}" '
            f'id="pick-{pk}"><label for="pick-{pk}" class="visually-hidden">'
            f"{escape(row['pick_label'])}</label>"
            if can_assign
            else ""
        )
        parts.append(
            f"{opening}"
            f'<td class="stack-inline">{pick}</td>'
            f'<th scope="row"><a href="{escape(row["url"])}">{escape(row["code"])}</a></th>'
            f'<td data-label="{applicant}">{escape(row["applicant"])}</td>'
            f'<td data-label="{procedure}">{escape(row["procedure"])}</td>'
            f'<td data-label="{status}">{escape(row["status"])}</td>'
            f'<td data-label="{due}">{escape(row["due"])} {markup}</td>'
            f'<td data-label="{holder}">{escape(row["holding"])}</td>'
            "</tr>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308, B703: every value escaped above
