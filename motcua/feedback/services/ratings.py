"""Rating a dossier once after its result (đánh giá mức độ hài lòng)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit
from motcua.dossiers.models import Dossier
from motcua.dossiers.signals import send_changed

from .. import selectors
from ..access import RATABLE, rating_capacity
from ..constants import LEVELS_OF_SCALE, SATISFIED_LEVELS, Level, RatingChannel
from ..errors import RuleViolation
from ..models import Rating, RatingAnswer

ON_BEHALF_CHANNELS = frozenset({RatingChannel.DESK_DEVICE, RatingChannel.SLIP})


def rate_dossier(
    dossier: Dossier,
    *,
    actor,
    level: str,
    answers: Mapping[str, str],
    comment: str = "",
    channel: str = RatingChannel.ONLINE,
    at: datetime.datetime | None = None,
) -> Rating:
    """The applicant rates ``dossier`` online, or a desk officer records the applicant's rating
    from the desk device or a slip. Once only, and only after the result."""
    now = at or timezone.now()
    on_behalf = bool(getattr(actor, "is_officer", False))
    if on_behalf and channel not in ON_BEHALF_CHANNELS:
        raise RuleViolation(
            _("Cán bộ chỉ ghi nhận đánh giá từ thiết bị tại quầy hoặc phiếu giấy."),
            code="bad_channel",
        )
    if not on_behalf:
        channel = RatingChannel.ONLINE
    with transaction.atomic():
        # The dossier row serialises two simultaneous ratings of the same dossier.
        locked = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("resolving_agency", "receiving_unit")
            .get(pk=dossier.pk)
        )
        rating_capacity(actor, locked, on_behalf=on_behalf)
        if Rating.objects.filter(dossier=locked).exists():
            raise RuleViolation(
                _("Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần."),
                code="already_rated",
            )
        criteria_set = selectors.criteria_set_for(locked.resolving_agency, timezone.localdate(now))
        if criteria_set is None:
            raise RuleViolation(_("Chưa cấu hình bộ tiêu chí đánh giá."), code="no_criteria")
        if level not in LEVELS_OF_SCALE[criteria_set.scale]:
            raise RuleViolation(_("Hãy chọn mức độ hài lòng."), code="no_level")
        chosen = _check_answers(criteria_set, answers)
        scored = [points for _c, _o, points in chosen if points is not None]
        rating = Rating.objects.create(
            dossier=locked,
            criteria_set=criteria_set,
            level=level,
            satisfied=level in SATISFIED_LEVELS,
            points=sum(scored) if scored else None,
            comment=(comment or "").strip(),
            channel=channel,
            rated_at=now,
            rated_by=actor,
        )
        send_changed([locked.pk])
        RatingAnswer.objects.bulk_create(
            RatingAnswer(rating=rating, criterion=c, option_code=o, points=p) for c, o, p in chosen
        )
        audit.record(
            actor=actor,
            verb="feedback.rate",
            obj=rating,
            at=now,
            code=locked.code,
            level=level,
            channel=channel,
        )
    return rating


def rate_at_counter(dossier: Dossier, *, level: str, recorded_by, at: datetime.datetime):
    """The rating tapped on a counter's tablet for the dossier whose result that counter just
    handed over, as the dossier's rating with the channel "counter tablet" (ND 61/2018 Art. 29
    b), recorded by the officer serving the counter. The tablet asks the overall level only, so
    no criterion is answered; "very satisfied" reads "satisfied" under a two-level set. None,
    and nothing written, when the dossier has no result yet or is already rated."""
    with transaction.atomic():
        locked = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("resolving_agency")
            .get(pk=dossier.pk)
        )
        if locked.status not in RATABLE or Rating.objects.filter(dossier=locked).exists():
            return None
        criteria_set = selectors.criteria_set_for(locked.resolving_agency, timezone.localdate(at))
        if criteria_set is None:
            return None
        levels = LEVELS_OF_SCALE[criteria_set.scale]
        if level not in levels:
            level = Level.SATISFIED if level in SATISFIED_LEVELS else Level.NOT_SATISFIED
        rating = Rating.objects.create(
            dossier=locked,
            criteria_set=criteria_set,
            level=level,
            satisfied=level in SATISFIED_LEVELS,
            points=None,
            channel=RatingChannel.COUNTER_TABLET,
            rated_at=at,
            rated_by=recorded_by,
        )
        send_changed([locked.pk])
        audit.record(
            actor=recorded_by,
            verb="feedback.rate",
            obj=rating,
            at=at,
            code=locked.code,
            level=level,
            channel=RatingChannel.COUNTER_TABLET,
        )
    return rating


def _check_answers(criteria_set, answers: Mapping[str, str]) -> list[tuple]:
    criteria = list(criteria_set.criteria.all())
    known = {c.code for c in criteria}
    if set(answers) - known:
        raise RuleViolation(_("Có câu trả lời không thuộc bộ tiêu chí."), code="unknown_criterion")
    chosen = []
    for criterion in criteria:
        code = answers.get(criterion.code)
        if code in (None, ""):
            if criterion.required:
                raise RuleViolation(
                    _("Hãy trả lời: %(question)s") % {"question": criterion.question},
                    code="missing_answer",
                )
            continue
        option = criterion.option(code)
        if option is None:
            raise RuleViolation(
                _("Lựa chọn không hợp lệ: %(question)s") % {"question": criterion.question},
                code="bad_answer",
            )
        chosen.append((criterion, str(option["code"]), option.get("points")))
    return chosen
