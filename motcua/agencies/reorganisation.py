"""The checks a reorganisation of the tree must pass before anything moves (sắp xếp tổ chức:
sáp nhập, chia tách, giải thể). The dossiers app runs them, then moves the open work
(motcua.dossiers.reorganisation) and closes the unit through ``services``."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import SUCCESSOR_LEVELS, Level
from .models import Agency, AgencyEvent


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def last_change(agency: Agency) -> datetime.date | None:
    """The effective date of the latest recorded change of ``agency`` (its last move)."""
    return AgencyEvent.objects.filter(agency=agency).aggregate(last=Max("effective_date"))["last"]


def check(source: Agency, targets: Sequence[Agency], effective_date: datetime.date) -> None:
    """Refuse, with a message the administrator can act on, a reorganisation that makes no
    sense: a unit already closed, a successor of another kind or level, a unit into itself or
    into its own descendant, a date before the unit's last move or still to come."""
    if source.valid_to is not None:
        raise ValidationError(
            _("Đơn vị “%(name)s” đã ngừng hoạt động từ ngày %(day)s; không thể sắp xếp lại.")
            % {"name": source.name, "day": _day(source.valid_to)},
            code="already_closed",
        )
    if not targets:
        raise ValidationError(_("Hãy chọn đơn vị tiếp nhận."), code="no_successor")
    if effective_date > timezone.localdate():
        raise ValidationError(
            _(
                "Ngày có hiệu lực %(day)s chưa đến. Hãy thực hiện sắp xếp vào ngày quyết định có "
                "hiệu lực hoặc sau đó: hồ sơ được chuyển ngay khi xác nhận."
            )
            % {"day": _day(effective_date)},
            code="future_date",
        )
    if effective_date <= source.valid_from:
        raise ValidationError(
            _("Ngày có hiệu lực phải sau ngày thành lập đơn vị “%(name)s” (%(day)s).")
            % {"name": source.name, "day": _day(source.valid_from)},
            code="before_valid_from",
        )
    for agency in (source, *targets):
        last = last_change(agency)
        if last is not None and effective_date < last:
            raise ValidationError(
                _(
                    "Ngày có hiệu lực %(day)s trước lần thay đổi gần nhất của “%(name)s” "
                    "(%(last)s). Không thể ghi một sắp xếp lùi về trước đó."
                )
                % {"day": _day(effective_date), "name": agency.name, "last": _day(last)},
                code="before_last_change",
            )
    for target in targets:
        _check_target(source, target, effective_date)
    if len({t.pk for t in targets}) != len(targets):
        raise ValidationError(_("Một đơn vị được chọn hai lần."), code="duplicate_target")


def _check_target(source: Agency, target: Agency, effective_date: datetime.date) -> None:
    if target.pk == source.pk:
        raise ValidationError(
            _("Không thể chuyển đơn vị “%(name)s” vào chính nó.") % {"name": source.name},
            code="self_merge",
        )
    if target.path.startswith(source.path):
        raise ValidationError(
            _(
                "“%(target)s” là đơn vị trực thuộc “%(source)s”; không thể chuyển một đơn vị "
                "vào đơn vị cấp dưới của chính nó."
            )
            % {"target": target.name, "source": source.name},
            code="into_descendant",
        )
    if Level(target.level) not in SUCCESSOR_LEVELS[Level(source.level)]:
        raise ValidationError(
            _(
                "Không thể chuyển %(source_level)s “%(source)s” vào %(target_level)s "
                "“%(target)s”: đơn vị kế thừa phải cùng loại, cùng cấp."
            )
            % {
                "source_level": Level(source.level).label.lower(),
                "source": source.name,
                "target_level": Level(target.level).label.lower(),
                "target": target.name,
            },
            code="level_mismatch",
        )
    if not target.is_active_on(effective_date) or target.valid_to is not None:
        raise ValidationError(
            _("Đơn vị tiếp nhận “%(name)s” không hoạt động vào ngày %(day)s.")
            % {"name": target.name, "day": _day(effective_date)},
            code="inactive_successor",
        )
