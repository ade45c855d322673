"""The 766 indicators counted over dossiers (domain.md §9, groups 2–4), from the facts of
``facts.load``. Each returns every dossier of its denominator, passing or not, with the reason
it costs points.

Readings chosen where the domain reference leaves a choice:
- "received in the period" = accepted (``received_at``) in the period, resolved in the subtree;
- 2.1 "received or processed in the period" counts every dossier handled in the period — carried
  over or received in it (the periodic report's "tổng tiếp nhận"), each once; open ones are
  measured at the measuring moment (the period end, or now for a period not yet ended:
  ``Period.measured_at``), so an overdue dossier costs points every period until it ends, and
  one not yet due costs nothing in the current period;
  stopped and withdrawn dossiers are measured at their end;
- attributes (fees paid online, digitised components, results) are read as they stand now;
- 2.2 is in working days of 8 hours for every procedure (the TTHC's own unit is not kept per
  dossier), from the clock start to the end, paused time subtracted;
- 3.3: the sync rate factor is 1 (every dossier is held here); the e-result condition applies
  once a result is issued;
- 3.4 (our id for the live "DVCTT toàn trình" item): dossiers of procedures eligible for a full
  online service, online and under a full online service;
- 4.1: dossiers ended in the period with a result, of procedures whose result is a document;
- 4.4: a component taken from the applicant's data store, or an electronic result;
- 1.4: received in the period and synced to DVCQG with NgayTiepNhan within
  ``DVCQG_SYNC_GRACE_HOURS`` of the receipt (24 by default: the 766 text gives no delay), over
  the dossiers received here (the portal's own count is not larger while it is fed only by this
  system; the reconciliation checks that).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from motcua.catalog.constants import Channel, OnlineLevel
from motcua.dossiers.constants import Outcome

from ..constants import Bucket
from ..measurement.facts import DossierFact
from .items import Evaluation, Item
from .scoring import round2


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "d/m/Y H:i") if moment else "–"


def _item(fact: DossierFact, passed: bool, reason: str = "") -> Item:
    return Item("dossier", fact.code, fact.procedure_name, fact.unit_name, passed, reason)


def late_reason(fact: DossierFact) -> str:
    if fact.supplement_count > 1:
        return _("Yêu cầu bổ sung %(n)s lần: tính quá hạn") % {"n": fact.supplement_count}
    if fact.finished_at is not None:
        return _("Kết thúc xử lý lúc %(end)s, sau hạn %(due)s") % {
            "end": _when(fact.finished_at),
            "due": _when(fact.due_at),
        }
    if fact.bucket == Bucket.PAUSED:
        return _("Đang chờ bổ sung nhưng đã quá hạn %(due)s khi yêu cầu") % {
            "due": _when(fact.due_at)
        }
    return _("Đang xử lý, đã quá hạn %(due)s") % {"due": _when(fact.due_at)}


def progress(ctx) -> Evaluation:
    """2.1 (finished on time + in progress within time) ÷ received or processed in the period."""
    return Evaluation.of(
        [_item(f, not f.late, late_reason(f) if f.late else "") for f in ctx.facts]
    )


def average_time(ctx) -> Evaluation:
    """2.2 average resolution time of dossiers received in the period and resolved (9/10, by
    now)."""
    done = [f for f in ctx.received if f.worked_days is not None]
    total = round2(sum((f.worked_days for f in done), Decimal(0)))
    return Evaluation(total, len(done), [], average=True)


def online_dossiers(ctx) -> Evaluation:
    """3.3 online dossiers (with an e-result where one is required) ÷ received."""
    items = []
    for f in ctx.received:
        if f.channel != Channel.ONLINE:
            items.append(_item(f, False, _("Không nộp trực tuyến")))
        elif f.result_is_document and f.has_result and not f.e_result:
            items.append(_item(f, False, _("Trực tuyến nhưng kết quả không có bản điện tử")))
        else:
            items.append(_item(f, True))
    return Evaluation.of(items)


def full_online(ctx) -> Evaluation:
    """3.4 online dossiers under a full online service ÷ dossiers of eligible procedures."""
    items = []
    for f in ctx.received:
        if not f.full_online_eligible:
            continue
        if f.channel != Channel.ONLINE:
            items.append(_item(f, False, _("Thủ tục đủ điều kiện toàn trình nhưng nộp trực tiếp")))
        elif f.online_level != OnlineLevel.FULL:
            items.append(_item(f, False, _("Thủ tục chưa cung cấp DVC toàn trình")))
        else:
            items.append(_item(f, True))
    return Evaluation.of(items)


def online_payment(ctx) -> Evaluation:
    """3.6 dossiers paid online ÷ dossiers with a non-zero financial obligation."""
    return Evaluation.of(
        [
            _item(f, f.paid_online, "" if f.paid_online else _("Không thanh toán trực tuyến"))
            for f in ctx.received
            if f.fee_total > 0
        ]
    )


def e_results(ctx) -> Evaluation:
    """4.1 dossiers with an electronic result ÷ those ended with a document result, in the
    order they ended (as ``costing`` lists them a page at a time)."""
    ended = [
        f
        for f in ctx.facts
        if f.finished_at is not None
        and f.has_result
        and f.result_is_document
        and f.outcome in (Outcome.GRANTED, Outcome.REFUSED)
    ]
    ended.sort(key=lambda f: (f.finished_at, f.pk))
    return Evaluation.of(
        [_item(f, f.e_result, "" if f.e_result else _("Kết quả chỉ có bản giấy")) for f in ended]
    )


def digitised(ctx) -> Evaluation:
    """4.2 dossiers digitised (components, and the e-result where required) ÷ received."""
    items = []
    for f in ctx.received:
        if not f.digitized:
            items.append(_item(f, False, _("Thành phần hồ sơ chưa được số hóa")))
        elif f.result_is_document and f.has_result and not f.e_result:
            items.append(_item(f, False, _("Kết quả chưa được số hóa")))
        else:
            items.append(_item(f, True))
    return Evaluation.of(items)


def reused(ctx) -> Evaluation:
    """4.3 dossiers reusing digitised data ÷ received."""
    return Evaluation.of(
        [
            _item(f, f.reused, "" if f.reused else _("Không tái sử dụng dữ liệu số hóa"))
            for f in ctx.received
        ]
    )


def shared(ctx) -> Evaluation:
    """4.4 dossiers with a component from the data store or an e-result ÷ received."""
    return Evaluation.of(
        [
            _item(
                f,
                f.from_data_store or f.e_result,
                ""
                if f.from_data_store or f.e_result
                else _("Không lấy giấy tờ từ kho dữ liệu, không có kết quả điện tử"),
            )
            for f in ctx.received
        ]
    )


def population_dossiers(ctx) -> Evaluation:
    """4.5b dossiers using the population database (VNeID, data store, applicant data taken
    from the register: MaCSDL) ÷ received."""
    return Evaluation.of(
        [
            _item(
                f,
                f.population_data,
                "" if f.population_data else _("Không sử dụng dữ liệu dân cư, tài khoản VNeID"),
            )
            for f in ctx.received
        ]
    )


def synced_counts(root, owner: dict[int, int], units, period) -> dict[int, tuple[int, int]]:
    """Unit id → (received in the period, synced in time), for ``units`` (disjoint subtrees of
    ``root``; ``owner`` maps an agency id to its unit) in one grouped query."""
    from django.db.models import Count, F, Q

    from motcua.agencies.models import Agency
    from motcua.dossiers.models import Dossier
    from motcua.integrations.portal import conf as portal_conf

    from ..measurement.facts import unit_at_end

    in_time = Q(portal_cursor__received_synced_at__lte=F("received_at") + portal_conf.sync_grace())
    rows = (
        Dossier.objects.filter(received_at__gte=period.start_at, received_at__lt=period.end_at)
        .annotate(unit_then=unit_at_end(period))
        .filter(unit_then__in=Agency.objects.subtree_of(root).values("pk"))
        .values("unit_then")
        .annotate(total=Count("pk"), synced=Count("pk", filter=in_time))
        .order_by()
    )
    counted = {unit.pk: (0, 0) for unit in units}
    for row in rows:
        unit = owner.get(row["unit_then"])
        if unit is not None:
            total, synced = counted[unit]
            counted[unit] = (total + row["total"], synced + row["synced"])
    return counted


def synced(ctx) -> Evaluation:
    """1.4 dossiers received in the period whose record reached the national portal with its
    NgayTiepNhan within the grace time (``DVCQG_SYNC_GRACE_HOURS``) ÷ dossiers received."""
    from motcua.integrations.portal import conf as portal_conf
    from motcua.integrations.selectors import received_synced_at

    if not ctx.detailed:
        total, in_time = ctx.shared.synced[ctx.agency.pk]
        return Evaluation(in_time, total, [])
    grace = portal_conf.sync_grace()
    synced_at = received_synced_at(f.pk for f in ctx.received)
    items = []
    for fact in ctx.received:
        at = synced_at.get(fact.pk)
        if at is None:
            items.append(_item(fact, False, _("Chưa đồng bộ lên Cổng DVCQG")))
        elif at > fact.received_at + grace:
            items.append(
                _item(
                    fact,
                    False,
                    _("Đồng bộ lúc %(at)s, chậm hơn %(hours)s giờ sau khi tiếp nhận")
                    % {"at": _when(at), "hours": int(grace.total_seconds() // 3600)},
                )
            )
        else:
            items.append(_item(fact, True))
    return Evaluation.of(items)
