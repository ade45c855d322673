"""Read-only queries of the back office: work queues with keyset pagination, the dossier page's
related rows and the due-time badge (the people work may be handed to are in ``officers``).

Every dossier query starts from ``dossiers.access.visible_to`` so a queue never shows what its
reader may not see."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.db.models import F, IntegerField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from motcua.agencies import selectors as agencies
from motcua.agencies.models import Agency, Membership
from motcua.catalog.search import tokens
from motcua.dossiers.access import OFFICER_RULES, home_agency, visible_to
from motcua.dossiers.constants import TERMINAL, Action, Status
from motcua.dossiers.models import Dossier
from motcua.reports.dashboard import early_warning
from motcua.reports.dashboard.early_warning import Urgency

from .waiting import waiting_for

PAGE_SIZE = 50
# The queue's counts (about to be late, the start page's figures) fetch at most this many ids
# more than they show ("Hơn 99").
WARNING_COUNT_CAP = 99


class DueFilter:
    """The queue's due-time filters: each is ``early_warning.condition`` of its urgency."""

    TODAY = Urgency.TODAY
    SOON = Urgency.SOON
    OVERDUE = Urgency.OVERDUE
    PAUSED = Urgency.PAUSED
    CHOICES = (
        ("", _("Tất cả")),
        (SOON, _("Sắp quá hạn")),
        (TODAY, _("Đến hạn hôm nay")),
        (OVERDUE, _("Quá hạn")),
        (PAUSED, _("Tạm dừng (chờ bổ sung, nghĩa vụ tài chính)")),
    )


@dataclass(frozen=True)
class DueBadge:
    """How urgent a dossier is, as a CSS class and a text (never colour alone)."""

    css: str
    text: str

    def __str__(self) -> str:
        """The badge's markup (``{{ badge }}`` in a template)."""
        return format_html('<span class="due {}">{}</span>', self.css, self.text)


def due_horizon(
    units: list[Agency], *, hours: int = early_warning.WARNING_HOURS, now=None
) -> early_warning.Horizon:
    """The early-warning horizon on the calendar of the reader's first unit (the national
    calendar when the reader has none). A queue spans the reader's own agencies, whose calendars
    differ only by local days off, so one calendar serves the page."""
    return early_warning.horizon(units[0] if units else None, hours=hours, now=now)


# The badges that say only the urgency ("Quá hạn", "Đến hạn hôm nay", …), made once per language:
# a queue page shows one per row, and each was four lazy translations resolved.
FIXED_BADGES = {
    Urgency.PAUSED: _("Tạm dừng"),
    Urgency.OVERDUE: _("Quá hạn"),
    Urgency.TODAY: _("Đến hạn hôm nay"),
    Urgency.OK: _("Trong hạn"),
}
_fixed_badges: dict[str | None, dict[str, DueBadge]] = {}


def _fixed_badge(kind: str) -> DueBadge:
    language = get_language()
    badges = _fixed_badges.get(language)
    if badges is None:
        badges = _fixed_badges[language] = {
            urgency: DueBadge(f"due-{urgency}", str(text)) for urgency, text in FIXED_BADGES.items()
        }
    return badges[kind]


def due_badge(
    dossier: Dossier, now: datetime.datetime | None = None, *, horizon=None
) -> DueBadge | None:
    """The row's ``early_warning.urgency`` as a badge; about to be late says the working time
    left. Reads only the row: no query."""
    at = horizon or early_warning.horizon(None, now=now)
    kind = early_warning.urgency(dossier, at)
    if kind is None:
        return None
    if kind == Urgency.SOON:
        left = early_warning.time_left(dossier, at)
        return DueBadge("due-soon", gettext("Sắp quá hạn – còn %(left)s làm việc") % {"left": left})
    return _fixed_badge(kind)


@dataclass
class QueueFilters:
    scope: str = "unit"
    procedure: str = ""
    status: str = ""
    due: str = ""
    q: str = ""


def search(qs: QuerySet[Dossier], text: str) -> QuerySet[Dossier]:
    """Dossier code, applicant name, ID number or phone (the queue's search box, and the API's
    ``q``). Digits-only text is matched exactly against the indexed ID and phone columns; a code
    by its prefix; otherwise the name."""
    text = text.strip()
    if not text:
        return qs
    if text.isdigit():
        return qs.filter(
            Q(applicant_id_number=text) | Q(applicant_phone=text) | Q(code__startswith=text)
        )
    if any(ch.isdigit() for ch in text) and ("-" in text or "." in text):
        return qs.filter(code__startswith=text.upper())
    # Every word at a word start of the name, with or without diacritics ("nguyen van" finds
    # "Nguyễn Văn An"), as the procedure search does.
    words = tokens(text)
    if not words:
        return qs.none()
    for word in words:
        qs = qs.filter(applicant_search__contains=f" {word}")
    return qs


class Reader:
    """One officer's view of the queues, read once per request: their memberships, the agencies
    they work for, the dossiers they may see and what waits for them."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def memberships(self) -> list[Membership]:
        return agencies.active_memberships(self.user)

    @cached_property
    def units(self) -> list[Agency]:
        found = []
        for membership in self.memberships:
            unit = home_agency(membership.unit)
            if unit not in found:
                found.append(unit)
        return found

    @cached_property
    def visible(self) -> QuerySet[Dossier]:
        return visible_to(self.user).exclude(status=Status.DRAFT)

    @cached_property
    def mine(self) -> Q:
        return waiting_for(self.user, self.memberships)

    @property
    def may_assign(self) -> bool:
        """Whether the reader holds a role that hands dossiers over (OFFICER_RULES[ASSIGN])."""
        roles, _where = OFFICER_RULES[Action.ASSIGN]
        return any(m.role in roles for m in self.memberships)


def queue(
    user,
    filters: QueueFilters,
    *,
    now: datetime.datetime | None = None,
    horizon: early_warning.Horizon | None = None,
    reader: Reader | None = None,
):
    """The ordered, filtered queue of ``user`` (not yet paginated): open dossiers by default,
    most urgent first, dossiers waiting for the desk's check (no due time yet) at the top.
    "Mine" is what waits for the reader (``waiting.waiting_for``). ``horizon`` bounds the due
    filters (computed for the reader when absent)."""
    reader = reader or Reader(user)
    qs = reader.visible
    if filters.scope == "mine":
        qs = qs.filter(reader.mine)
    # Open dossiers unless a status is asked for.
    qs = qs.filter(status=filters.status) if filters.status else qs.exclude(status__in=TERMINAL)
    if filters.procedure:
        qs = qs.filter(procedure_version__procedure__code=filters.procedure.strip())
    if filters.due in dict(DueFilter.CHOICES) and filters.due:
        horizon = horizon or due_horizon(reader.units, now=now)
        qs = qs.filter(early_warning.condition(filters.due, horizon))
    return search(qs, filters.q).select_related("procedure_version__procedure", "holder")


@dataclass(frozen=True)
class Count:
    """A bounded count: ``n`` dossiers, or more than ``n`` when ``more``."""

    n: int
    more: bool


def count(
    user, filters: QueueFilters, horizon: early_warning.Horizon, *, reader: Reader | None = None
) -> Count:
    """How many dossiers the filtered queue lists, up to ``WARNING_COUNT_CAP`` (then "more").
    One bounded read of ids on the indexed columns: a queue never runs COUNT(*) over the whole
    table."""
    qs = queue(user, filters, horizon=horizon, reader=reader)
    found = len(qs.order_by().values_list("pk", flat=True)[: WARNING_COUNT_CAP + 1])
    return Count(min(found, WARNING_COUNT_CAP), found > WARNING_COUNT_CAP)


def soon_count(
    user, filters: QueueFilters, horizon: early_warning.Horizon, *, reader: Reader | None = None
) -> tuple[int, bool]:
    """How many dossiers of the filtered queue are about to be late (bounded, see ``count``)."""
    found = count(user, dataclasses.replace(filters, due=DueFilter.SOON), horizon, reader=reader)
    return found.n, found.more


def with_soon_count(
    qs: QuerySet[Dossier],
    user,
    filters: QueueFilters,
    horizon: early_warning.Horizon,
    *,
    reader: Reader | None = None,
) -> QuerySet[Dossier]:
    """``qs`` — ``queue(user, filters, horizon=horizon)`` — with ``soon_found`` on each row:
    what ``soon_count`` reads, as a scalar subquery that does not depend on the row (the
    database runs it once), so a queue page and its warning are one query. Read it with
    ``soon_of``."""
    if filters.due:
        soon = queue(
            user, dataclasses.replace(filters, due=DueFilter.SOON), horizon=horizon, reader=reader
        )
    else:
        # ``qs`` is that queue but for the due filter: the same rows once it is added, without
        # building the access rules and filters a second time.
        soon = qs.filter(early_warning.condition(DueFilter.SOON, horizon))
    capped = soon.order_by().values("pk")[: WARNING_COUNT_CAP + 1]
    # Compiled here and placed as SQL: embedded as a Subquery expression, Django re-labels a
    # copy of the whole filter tree to nest it, which cost more than running the query. The
    # subquery is uncorrelated (its own FROM), so its table names cannot meet the outer ones.
    try:
        sql, params = capped.query.sql_with_params()
    except EmptyResultSet:
        # Nothing can match (a search with no word to look for, such as "!!"): none is due
        # soon either, and the page's own query is empty without reaching the database.
        return qs.annotate(soon_found=Value(0, output_field=IntegerField()))
    counted = RawSQL(f"SELECT COUNT(*) FROM ({sql}) AS soon", params)  # noqa: S608, S611  # nosec B608, B611
    return qs.annotate(soon_found=counted)


def soon_of(
    rows: list[Dossier],
    user,
    filters: QueueFilters,
    horizon: early_warning.Horizon,
    *,
    reader: Reader | None = None,
) -> tuple[int, bool]:
    """``soon_count`` from a page read ``with_soon_count`` (a query of its own when the page is
    empty)."""
    if not rows:
        return soon_count(user, filters, horizon, reader=reader)
    found = rows[0].soon_found or 0
    return min(found, WARNING_COUNT_CAP), found > WARNING_COUNT_CAP


@dataclass(frozen=True)
class Tally:
    """One figure of the start page: a bounded count and the filtered queue it counts."""

    due: str
    label: str
    count: Count
    url_query: str


# The start page's figures, each the length of the queue filtered by ``due`` ("" = everything
# open in the scope).
START_FIGURES = (
    ("", _("Đang chờ xử lý")),
    (DueFilter.TODAY, _("Đến hạn hôm nay")),
    (DueFilter.SOON, _("Sắp quá hạn")),
    (DueFilter.OVERDUE, _("Quá hạn")),
)


def start_page_tallies(
    user, horizon: early_warning.Horizon, *, reader: Reader | None = None
) -> dict[str, list[Tally]]:
    """For "mine" and "unit": what waits, what is due today, about to be late and late, each
    counted as the queue with that filter counts it (``count``), with the filter's query."""
    reader = reader or Reader(user)
    found = {}
    for scope in ("mine", "unit"):
        found[scope] = [
            Tally(
                due,
                str(label),
                count(user, QueueFilters(scope=scope, due=due), horizon, reader=reader),
                urlencode({"scope": scope, **({"due": due} if due else {})}),
            )
            for due, label in START_FIGURES
        ]
    return found


def encode_cursor(dossier: Dossier) -> str:
    due = dossier.due_at.isoformat() if dossier.due_at else "-"
    return f"{due}|{dossier.pk}"


def _after(qs: QuerySet[Dossier], cursor: str) -> QuerySet[Dossier]:
    """Rows after ``cursor`` in (due_at NULLS FIRST, id) order: dossiers still waiting for the
    desk's check have no due time and come first."""
    due_text, _sep, pk_text = cursor.partition("|")
    # A cursor is ours unless edited: a key past the column's range or a date that is not one
    # (2026-02-30, year 9999 with an offset) starts from the top rather than a 500 (#17 item 9).
    if not pk_text.isdigit() or len(pk_text) > 18:
        return qs
    pk = int(pk_text)
    if due_text == "-":
        return qs.filter(Q(due_at__isnull=True, pk__gt=pk) | Q(due_at__isnull=False))
    try:
        due = parse_datetime(due_text)
    except (ValueError, OverflowError):
        return qs
    if due is None or not (1900 <= due.year <= 2099):
        return qs
    # The redundant lower bound gives the (due_at, id) indexes a range to start from; the OR
    # alone is only a filter.
    return qs.filter(Q(due_at__gt=due) | Q(due_at=due, pk__gt=pk), due_at__gte=due)


def page_queryset(qs: QuerySet[Dossier], cursor: str = "") -> QuerySet[Dossier]:
    """The rows of one page after ``cursor``, plus one to tell whether another page follows."""
    if cursor:
        qs = _after(qs, cursor)
    return qs.order_by(F("due_at").asc(nulls_first=True), "id")[: PAGE_SIZE + 1]


def page(qs: QuerySet[Dossier], cursor: str = "") -> tuple[list[Dossier], str]:
    """One page of the queue and the cursor of the next page ("" when none). No COUNT(*)."""
    rows = list(page_queryset(qs, cursor))
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return rows, (encode_cursor(rows[-1]) if more else "")


def may_assign(user) -> bool:
    return Reader(user).may_assign


def home_agencies_of(user) -> list[Agency]:
    return Reader(user).units


def dossier_has_file(dossier: Dossier, file_id: int) -> bool:
    """Whether the stored file belongs to the dossier (a component, a result, an event)."""
    return (
        dossier.components.filter(files__pk=file_id).exists()
        or dossier.results.filter(file_id=file_id).exists()
        or dossier.events.filter(attachments__pk=file_id).exists()
    )
