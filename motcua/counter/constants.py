"""The vocabulary of counter equipment: ticket states and the one table of allowed moves,
who may sit at a counter, and the reasons a tablet offers after a rating."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.constants import Role


class TicketStatus(models.TextChoices):
    """State of a queue ticket (phiếu số thứ tự)."""

    WAITING = "waiting", _("Đang chờ")
    CALLED = "called", _("Đang phục vụ")
    NO_SHOW = "no_show", _("Vắng mặt")
    DONE = "done", _("Đã phục vụ xong")


class TicketAction(models.TextChoices):
    """What the officer at a counter does to the ticket being served."""

    CALL_NEXT = "call", _("Gọi số tiếp theo")
    RECALL = "recall", _("Gọi lại")
    NO_SHOW = "no_show", _("Vắng mặt")
    DONE = "done", _("Xong")


# The one table of moves: action -> (states it starts from, state it leads to).
MOVES: dict[str, tuple[frozenset[str], str]] = {
    TicketAction.CALL_NEXT: (frozenset({TicketStatus.WAITING}), TicketStatus.CALLED),
    TicketAction.RECALL: (frozenset({TicketStatus.CALLED}), TicketStatus.CALLED),
    TicketAction.NO_SHOW: (frozenset({TicketStatus.CALLED}), TicketStatus.NO_SHOW),
    TicketAction.DONE: (frozenset({TicketStatus.CALLED}), TicketStatus.DONE),
}

# Who may open a session at a counter of their unit and call numbers.
COUNTER_ROLES = frozenset({Role.DESK_OFFICER})
# Who reads the waiting-time report of a centre (its own or an ancestor's).
REPORT_ROLES = frozenset({Role.MANAGER, Role.AGENCY_LEADER})

# A tablet offers the ticket its counter finished for this long (minutes).
RATING_WINDOW_MINUTES = 10
# How often the board and the idle tablet reload themselves (seconds).
BOARD_REFRESH_SECONDS = 5
TABLET_REFRESH_SECONDS = 5
# How many called and waiting numbers the board shows.
BOARD_CALLED = 6
BOARD_WAITING = 10


class Reason(models.TextChoices):
    """What a citizen may add after the tap, in one more tap (không bắt buộc)."""

    QUICK = "quick", _("Nhanh chóng")
    HELPFUL = "helpful", _("Hướng dẫn tận tình")
    LONG_WAIT = "long_wait", _("Chờ lâu")
    UNCLEAR = "unclear", _("Hướng dẫn chưa rõ")
    ATTITUDE = "attitude", _("Thái độ chưa tốt")
    OTHER = "other", _("Lý do khác")


# The reasons offered after each level: praise after a satisfied tap, complaints after the other.
POSITIVE_REASONS = (Reason.QUICK, Reason.HELPFUL, Reason.OTHER)
NEGATIVE_REASONS = (Reason.LONG_WAIT, Reason.UNCLEAR, Reason.ATTITUDE, Reason.OTHER)
