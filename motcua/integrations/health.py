"""The health of every national-system integration, for the administrators' page (issue #15 item
6): last success, last error, queue length and dead letters. Each system registers a probe."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Health:
    name: str
    plugin: str
    last_success: datetime.datetime | None
    last_error_at: datetime.datetime | None
    last_error: str
    queued: int
    dead: int
    admin_url: str = ""

    @property
    def state(self) -> str:
        if self.dead:
            return "dead"
        if self.last_error_at and (not self.last_success or self.last_error_at > self.last_success):
            return "failing"
        return "ok"


_probes: dict[str, Callable[[], Health]] = {}


def register(key: str, probe: Callable[[], Health]) -> None:
    _probes[key] = probe


def report() -> list[Health]:
    return [probe() for _key, probe in sorted(_probes.items())]


def report_by_key() -> dict[str, Health]:
    """The same, by probe key ("portal", "postal" …): the labels of /metrics."""
    return {key: probe() for key, probe in sorted(_probes.items())}


def portal_health() -> Health:
    from django.urls import reverse

    from .models import MessageState, PortalMessage
    from .portal import conf

    totals = PortalMessage.objects.aggregate(
        last_success=Max("delivered_at", filter=Q(superseded=False)),
        queued=Count("id", filter=Q(state=MessageState.PENDING)),
        dead=Count("id", filter=Q(state=MessageState.DEAD)),
    )
    failing = (
        PortalMessage.objects.exclude(state=MessageState.DELIVERED)
        .exclude(last_error="")
        .order_by("-last_attempt_at")
        .only("last_error", "last_attempt_at")
        .first()
    )
    return Health(
        name=str(_("Cổng Dịch vụ công quốc gia: đồng bộ hồ sơ")),
        plugin=f"{conf.plugin()} → {conf.base_url()}",
        last_success=totals["last_success"],
        last_error_at=failing.last_attempt_at if failing else None,
        last_error=failing.last_error if failing else "",
        queued=totals["queued"],
        dead=totals["dead"],
        admin_url=reverse("admin:integrations_portalmessage_changelist"),
    )


register("portal", portal_health)


def postal_health() -> Health:
    from django.urls import reverse

    from .models import PostalOrder, PostalStatus
    from .postal import conf as postal_conf

    totals = PostalOrder.objects.aggregate(
        last_success=Max("accepted_at"),
        queued=Count("id", filter=Q(status=PostalStatus.PENDING)),
        failed=Count("id", filter=Q(status=PostalStatus.FAILED)),
    )
    erring = (
        PostalOrder.objects.filter(status=PostalStatus.PENDING)
        .exclude(last_error="")
        .order_by("-created_at")
        .only("last_error", "created_at")
        .first()
    )
    return Health(
        name=str(_("Bưu chính công ích: gửi, trả kết quả")),
        plugin=postal_conf.operator(),
        last_success=totals["last_success"],
        last_error_at=erring.created_at if erring else None,
        last_error=erring.last_error if erring else "",
        queued=totals["queued"],
        # Undeliverable shipments wait for the desk, as dead letters wait for an administrator.
        dead=totals["failed"],
        admin_url=reverse("admin:integrations_postalorder_changelist"),
    )


register("postal", postal_health)


def population_health() -> Health:
    from django.urls import reverse

    from .models import LookupOutcome, RegisterLookup

    answered = RegisterLookup.objects.filter(
        outcome__in=[LookupOutcome.FOUND, LookupOutcome.NOT_FOUND]
    )
    failed = (
        RegisterLookup.objects.filter(
            outcome__in=[LookupOutcome.UNAVAILABLE, LookupOutcome.REFUSED]
        )
        .order_by("-at")
        .only("at", "error", "outcome")
        .first()
    )
    from .population import registry as population_registry

    return Health(
        name=str(_("CSDL quốc gia về dân cư: tra cứu thông tin")),
        plugin=population_registry.provider_name(),
        last_success=answered.aggregate(last=Max("at"))["last"],
        last_error_at=failed.at if failed else None,
        last_error=(failed.error or failed.get_outcome_display()) if failed else "",
        queued=0,  # look-ups are answered while the officer waits: nothing is queued
        dead=0,
        admin_url=reverse("admin:integrations_registerlookup_changelist"),
    )


def payment_platform_health() -> Health:
    from django.urls import reverse

    from motcua.payments.constants import ACCEPTED_OUTCOMES, TransactionStatus
    from motcua.payments.models import GatewayMessage, Transaction

    gateway = "dvcqg"
    paid = Transaction.objects.filter(gateway=gateway, status=TransactionStatus.PAID)
    refused = (
        GatewayMessage.objects.filter(gateway=gateway)
        .exclude(outcome__in=ACCEPTED_OUTCOMES)
        .order_by("-received_at")
        .only("received_at", "outcome")
        .first()
    )
    return Health(
        name=str(_("Nền tảng thanh toán trực tuyến của Cổng DVCQG")),
        plugin=gateway,
        last_success=paid.aggregate(last=Max("paid_at"))["last"],
        last_error_at=refused.received_at if refused else None,
        last_error=refused.get_outcome_display() if refused else "",
        queued=Transaction.objects.filter(
            gateway=gateway, status=TransactionStatus.PENDING
        ).count(),
        dead=0,
        admin_url=reverse("admin:payments_transaction_changelist") + f"?gateway__exact={gateway}",
    )


register("payment_platform", payment_platform_health)
register("population", population_health)


def catalogue_health() -> Health:
    """The national procedure catalogue pulls: the last complete one, the last that failed (or
    had procedures it could not write), the drafts waiting for a catalogue officer, and the
    procedures the last pull could not write."""
    from django.urls import reverse

    from motcua.catalog.constants import VersionStatus

    from .models import CataloguePull, CataloguePullItem, PullOutcome
    from .portal import conf

    ok = CataloguePull.objects.filter(outcome=PullOutcome.OK).order_by("-started_at").first()
    bad = (
        CataloguePull.objects.filter(outcome__in=[PullOutcome.FAILED, PullOutcome.PARTIAL])
        .order_by("-started_at")
        .first()
    )
    last = (
        CataloguePull.objects.exclude(outcome=PullOutcome.RUNNING).order_by("-started_at").first()
    )
    error = ""
    if bad is not None:
        first_item = bad.items.exclude(error="").order_by("code").first()
        error = bad.error or (f"{first_item.code}: {first_item.error}" if first_item else "")
    return Health(
        name=str(_("CSDL quốc gia về TTHC: lấy danh mục thủ tục")),
        plugin=f"{conf.plugin()} → {conf.base_url()}",
        last_success=ok.finished_at if ok else None,
        last_error_at=bad.finished_at if bad else None,
        last_error=error,
        queued=CataloguePullItem.objects.filter(draft__status=VersionStatus.DRAFT).count(),
        dead=last.failed if last else 0,
        admin_url=reverse("admin:integrations_cataloguepull_changelist"),
    )


register("catalogue", catalogue_health)
