"""Read-only queries of the back office: work queues with keyset pagination, the dossier page's
related rows, the people a dossier may be handed to, and the due-time badge.

Every dossier query starts from ``dossiers.access.visible_to`` so a queue never shows what its
reader may not see."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Level, Role
from motcua.agencies.models import Agency, Membership
from motcua.catalog.search import tokens
from motcua.dossiers.access import OFFICER_RULES, home_agency, visible_to
from motcua.dossiers.constants import PAUSED, TERMINAL, Action, Status
from motcua.dossiers.models import Dossier, DossierComponent, Event
from motcua.worktime import clock as wt
from motcua.worktime.constants import DurationUnit
from motcua.worktime.selectors import get_calendar
from motcua.worktime.workcalendar import WorkCalendar

PAGE_SIZE = 50
# Early warning on the queues (cảnh báo sớm): a dossier due within this many working hours is
# "about to be late"; one working day, as on the managers' dashboard.
WARNING_HOURS = 8
# The "about to be late" count fetches at most this many ids more than it shows ("99+").
WARNING_COUNT_CAP = 99
# Roles that can be handed work (a manager only reads).
WORKING_ROLES = frozenset(
    {
        Role.DESK_OFFICER,
        Role.SPECIALIST,
        Role.UNIT_LEADER,
        Role.AGENCY_LEADER,
        Role.REGISTRY_CLERK,
    }
)


class DueFilter:
    TODAY = "today"
    SOON = "soon"
    OVERDUE = "overdue"
    PAUSED = "paused"
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


@dataclass(frozen=True)
class DueHorizon:
    """The early-warning limit of one queue page, computed once: ``until`` is the instant
    ``hours`` working hours after ``now`` on the reader's unit calendar."""

    now: datetime.datetime
    until: datetime.datetime
    hours: int
    calendar: WorkCalendar


def due_horizon(
    units: list[Agency], *, hours: int = WARNING_HOURS, now: datetime.datetime | None = None
) -> DueHorizon:
    """The horizon on the calendar of the reader's first unit (the national calendar when the
    reader has none). A queue spans the reader's own agencies, whose calendars differ only by
    local days off, so one calendar serves the page."""
    now = now or timezone.now()
    calendar = get_calendar(units[0] if units else None)
    until = wt.add_working_time(now, Decimal(hours), DurationUnit.WORKING_HOURS, calendar)
    return DueHorizon(now=now, until=until, hours=hours, calendar=calendar)


def working_time_text(micros: int) -> str:
    """Working time left, in hours and minutes (“1 giờ 30 phút”)."""
    minutes = max(micros, 0) // 60_000_000
    hours, minutes = divmod(minutes, 60)
    if not hours and not minutes:
        return gettext("dưới 1 phút")
    parts = []
    if hours:
        parts.append(gettext("%(n)d giờ") % {"n": hours})
    if minutes:
        parts.append(gettext("%(n)d phút") % {"n": minutes})
    return " ".join(parts)


def _due_of(dossier: Dossier) -> datetime.datetime | None:
    return dossier.due_at or dossier.intake_due_at


def due_badge(
    dossier: Dossier,
    now: datetime.datetime | None = None,
    *,
    horizon: DueHorizon | None = None,
) -> DueBadge | None:
    """Paused, overdue, about to be late (within ``horizon``, with the working time left), due
    today, or within time. Reads only the row: no query."""
    if dossier.status in TERMINAL or dossier.status == Status.RESULT_READY:
        return None
    if dossier.status in PAUSED:
        return DueBadge("due-paused", str(_("Tạm dừng")))
    due = _due_of(dossier)
    if due is None:
        return None
    now = horizon.now if horizon else (now or timezone.now())
    if due < now:
        return DueBadge("due-overdue", str(_("Quá hạn")))
    if horizon is not None and due <= horizon.until:
        left = working_time_text(wt.working_micros_between(now, due, horizon.calendar))
        return DueBadge("due-soon", gettext("Sắp quá hạn – còn %(left)s làm việc") % {"left": left})
    if timezone.localtime(due).date() == timezone.localtime(now).date():
        return DueBadge("due-today", str(_("Đến hạn hôm nay")))
    return DueBadge("due-ok", str(_("Trong hạn")))


def _local_day_bounds(now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + datetime.timedelta(days=1)


@dataclass
class QueueFilters:
    scope: str = "unit"
    procedure: str = ""
    status: str = ""
    due: str = ""
    q: str = ""


def _search(qs: QuerySet[Dossier], text: str) -> QuerySet[Dossier]:
    """Dossier code, applicant name, ID number or phone. Digits-only text is matched exactly
    against the indexed ID and phone columns; a code by its prefix; otherwise the name."""
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


def _within(now: datetime.datetime, until: datetime.datetime) -> Q:
    """Due between ``now`` and ``until`` (the processing due time, or the desk's check time for
    a dossier not yet checked), as ``due_badge`` reads it."""
    return Q(due_at__gte=now, due_at__lte=until) | Q(
        due_at__isnull=True, intake_due_at__gte=now, intake_due_at__lte=until
    )


def queue(
    user,
    filters: QueueFilters,
    *,
    now: datetime.datetime | None = None,
    horizon: DueHorizon | None = None,
):
    """The ordered, filtered queue of ``user`` (not yet paginated): open dossiers by default,
    most urgent first, dossiers waiting for the desk's check (no due time yet) at the top.
    ``horizon`` bounds the "about to be late" filter (computed for the reader when absent)."""
    now = horizon.now if horizon else (now or timezone.now())
    qs = visible_to(user).exclude(status=Status.DRAFT)
    if filters.scope == "mine":
        qs = qs.filter(assignee=user)
    # Open dossiers unless a status is asked for.
    qs = qs.filter(status=filters.status) if filters.status else qs.exclude(status__in=TERMINAL)
    if filters.procedure:
        qs = qs.filter(procedure_version__procedure__code=filters.procedure.strip())
    if filters.due == DueFilter.OVERDUE:
        qs = qs.filter(due_at__lt=now).exclude(status__in=PAUSED | {Status.RESULT_READY})
    elif filters.due == DueFilter.TODAY:
        start, end = _local_day_bounds(now)
        qs = qs.filter(due_at__gte=max(start, now), due_at__lt=end).exclude(status__in=PAUSED)
    elif filters.due == DueFilter.PAUSED:
        qs = qs.filter(status__in=PAUSED)
    elif filters.due == DueFilter.SOON:
        horizon = horizon or due_horizon(home_agencies_of(user), now=now)
        qs = qs.filter(_within(now, horizon.until)).exclude(
            status__in=PAUSED | {Status.RESULT_READY}
        )
    qs = _search(qs, filters.q)
    return qs.select_related("procedure_version__procedure", "holder", "assignee")


def soon_count(user, filters: QueueFilters, horizon: DueHorizon) -> tuple[int, bool]:
    """How many dossiers of the filtered queue are about to be late, and whether there are more
    than ``WARNING_COUNT_CAP``. One bounded read of ids on the indexed due column: a queue page
    never runs COUNT(*) over the whole table."""
    qs = queue(user, dataclasses.replace(filters, due=DueFilter.SOON), horizon=horizon)
    found = len(qs.order_by().values_list("pk", flat=True)[: WARNING_COUNT_CAP + 1])
    return min(found, WARNING_COUNT_CAP), found > WARNING_COUNT_CAP


def encode_cursor(dossier: Dossier) -> str:
    due = dossier.due_at.isoformat() if dossier.due_at else "-"
    return f"{due}|{dossier.pk}"


def _after(qs: QuerySet[Dossier], cursor: str) -> QuerySet[Dossier]:
    """Rows after ``cursor`` in (due_at NULLS FIRST, id) order: dossiers still waiting for the
    desk's check have no due time and come first."""
    due_text, _sep, pk_text = cursor.partition("|")
    if not pk_text.isdigit():
        return qs
    pk = int(pk_text)
    if due_text == "-":
        return qs.filter(Q(due_at__isnull=True, pk__gt=pk) | Q(due_at__isnull=False))
    due = parse_datetime(due_text)
    if due is None:
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


def desk_units(user) -> list[Agency]:
    """The one-stop desks where ``user`` works as a desk officer today."""
    units = []
    for membership in agencies.memberships_of(user):
        if membership.role == Role.DESK_OFFICER:
            unit = home_agency(membership.unit)
            if unit.runs_one_stop_desk and unit not in units:
                units.append(unit)
    return units


def colleagues(agency_list: list[Agency]):
    """Officers with a working role today in any of ``agency_list`` or below, by name."""
    condition = Q(pk__in=[])
    for agency in agency_list:
        condition |= Q(unit__path__startswith=agency.path)
    members = (
        Membership.objects.active_on(agencies.today())
        .filter(condition, role__in=list(WORKING_ROLES))
        .values("user_id")
    )
    return (
        get_user_model()
        .objects.filter(pk__in=members, is_active=True)
        .order_by("last_name", "first_name", "username")
    )


def province_of(unit: Agency) -> Agency | None:
    """The province above ``unit`` (or itself), where boundary-free routing happens."""
    for node in agencies.ancestors(unit, include_self=True):
        if node.level == Level.PROVINCE:
            return node
    return None


def may_assign(user) -> bool:
    """Whether ``user`` holds a role that hands dossiers over (access.OFFICER_RULES[ASSIGN])."""
    roles, _where = OFFICER_RULES[Action.ASSIGN]
    return any(m.role in roles for m in agencies.memberships_of(user))


def home_agencies_of(user) -> list[Agency]:
    found = []
    for membership in agencies.memberships_of(user):
        unit = home_agency(membership.unit)
        if unit not in found:
            found.append(unit)
    return found


def dossier_page(user, code: str) -> Dossier:
    """The dossier with everything its page shows, in a fixed number of queries;
    Dossier.DoesNotExist when ``user`` may not see it."""
    qs = (
        visible_to(user)
        .select_related(
            "procedure_version__procedure",
            "receiving_unit",
            "resolving_agency",
            "holder",
            "assignee",
            "rules",
        )
        .prefetch_related(
            Prefetch(
                "components",
                queryset=DossierComponent.objects.select_related("component").prefetch_related(
                    "files"
                ),
            ),
            "steps__assignee",
            "steps__agency",
            Prefetch(
                "events",
                queryset=Event.objects.select_related("actor", "actor_unit").prefetch_related(
                    "attachments"
                ),
            ),
            "pauses",
            "fees",
            "results__file",
            "transfers__from_agency",
            "transfers__to_agency",
            "supplement_requests",
            "reappointments",
        )
    )
    return qs.get(code=code)


def dossier_has_file(dossier: Dossier, file_id: int) -> bool:
    """Whether the stored file belongs to the dossier (a component, a result, an event)."""
    return (
        dossier.components.filter(files__pk=file_id).exists()
        or dossier.results.filter(file_id=file_id).exists()
        or dossier.events.filter(attachments__pk=file_id).exists()
    )
