"""Pulling the national procedure database into the catalogue (issue #15 item 5).

``preview`` fetches and compares without writing anything; ``pull`` does the same and records the
pull (``CataloguePull`` with one ``CataloguePullItem`` per procedure) and, for each procedure
that is new or differs from the local latest version, creates a **draft** version carrying the
national content (catalogue service ``create_draft_from_content``). Drafts are never published
here: a catalogue officer completes what only the province sets and publishes them through the
usual flow (``catalog.services.publish_version``).

Transactions: one per procedure (its draft, its item row and its audit row together, or none of
them), so a pull cut short by the portal keeps the procedures already done whole, records the
error, and the next pull carries on. The pull row itself is written first and finished last.

Idempotency: a national content (``mapping.fingerprint``) that already produced a draft in an
earlier pull never produces a second one, even when the officer has since edited or published
it; the same content as the local latest version produces none at all."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit
from motcua.catalog import selectors as catalog_selectors
from motcua.catalog import services as catalog

from ..models import CataloguePull, CataloguePullItem, ItemOutcome, PullMode, PullOutcome
from ..portal import conf, registry, schema_catalogue
from ..portal.base import BasePortal, PortalAnswerInvalid, PortalError, PortalRejected
from . import diff, mapping

PROCEDURE_CODE = re.compile(schema_catalogue.PROCEDURE_CODE["pattern"])
PAGE_SIZE = 50
MAX_PAGES = 400  # 20,000 procedures: far above any national list; a portal paging forever stops


class PullFailed(Exception):
    """The portal could not be read (down, slow, malformed answer); ``message`` says why."""


@dataclass
class ItemReport:
    code: str
    name: str = ""
    outcome: str = ItemOutcome.FAILED
    national_updated: str = ""
    fingerprint: str = ""
    changes: list[diff.Change] = field(default_factory=list)
    base_version: object = None
    draft: object = None
    error: str = ""

    @property
    def counted_changes(self) -> list[diff.Change]:
        return [c for c in self.changes if not c.informative]


@dataclass
class PullReport:
    mode: str
    since: datetime.date | None
    items: list[ItemReport] = field(default_factory=list)
    error: str = ""
    pull: CataloguePull | None = None

    def count(self, outcome: str) -> int:
        return sum(1 for item in self.items if item.outcome == outcome)


def portal() -> BasePortal:
    return registry.get(conf.plugin() if conf.plugin() != "off" else "dvcqg")


def last_success() -> CataloguePull | None:
    return CataloguePull.objects.filter(outcome=PullOutcome.OK).order_by("-started_at").first()


def code_problems(codes: list[str]) -> list[str]:
    """A message for each code that is not a procedure code (1.004873, 1.000948.H38)."""
    return [
        _("Mã thủ tục “%(code)s” không đúng dạng 1.004873 hoặc 1.000948.H38.") % {"code": code}
        for code in codes
        if not PROCEDURE_CODE.match(code)
    ]


def resolve_since(mode: str, since: datetime.date | None) -> tuple[str, datetime.date | None]:
    """``changed`` without a day means: since the day of the last complete pull (the whole list
    when there was none)."""
    if mode != PullMode.CHANGED:
        return mode, None
    if since is None:
        previous = last_success()
        if previous is None:
            return PullMode.ALL, None
        since = timezone.localdate(previous.started_at)
    return mode, since


def _summaries(source: BasePortal, mode: str, since, codes) -> list[tuple[str, str]]:
    if mode == PullMode.CODES:
        return [(code, "") for code in dict.fromkeys(codes)]
    found: list[tuple[str, str]] = []
    page = 1
    while page <= MAX_PAGES:
        answer = source.procedures(page=page, size=PAGE_SIZE, changed_since=since)
        found += [(item["MaTTHC"], item["TenTTHC"]) for item in answer.items]
        if not answer.items or page * answer.size >= answer.total:
            break
        page += 1
    return found


def _assess(record: dict, pulled_at: datetime.datetime) -> tuple[ItemReport, dict]:
    item = ItemReport(
        code=record["MaTTHC"],
        name=record["TenTTHC"],
        national_updated=record["NgayCapNhat"],
        fingerprint=mapping.fingerprint(record),
    )
    local = catalog_selectors.latest_version_content(item.code)
    base, local_content = local if local else (None, None)
    proposed = mapping.content(record, local_content, pulled_at=pulled_at)
    item.base_version = base
    item.changes = diff.compare(proposed, local_content)
    if base is None:
        item.outcome = ItemOutcome.NEW
    elif item.counted_changes:
        item.outcome = ItemOutcome.CHANGED
    else:
        item.outcome = ItemOutcome.UNCHANGED
    if item.outcome != ItemOutcome.UNCHANGED and _drafted_before(item):
        item.outcome = ItemOutcome.ALREADY_DRAFTED
    return item, proposed


def _drafted_before(item: ItemReport) -> bool:
    return CataloguePullItem.objects.filter(
        code=item.code, fingerprint=item.fingerprint, draft__isnull=False
    ).exists()


def _walk(mode: str, since, codes, on_item) -> str:
    """Fetch every procedure in scope and hand each (item, proposed content, record) to
    ``on_item``; returns the error that stopped the walk ("" when none)."""
    source = portal()
    pulled_at = timezone.localtime()
    try:
        summaries = _summaries(source, mode, since, codes)
    except (PortalError, PortalRejected) as error:
        return _("Không lấy được danh sách thủ tục từ Cổng DVCQG: %(e)s") % {"e": error}
    for code, name in summaries:
        try:
            record = source.procedure(code)
        except PortalAnswerInvalid as error:
            on_item(ItemReport(code=code, name=name, error=_malformed(error)), None, None)
            continue
        except PortalRejected as error:  # this request refused; the portal itself answers
            message = _("Cổng DVCQG từ chối yêu cầu lấy thủ tục: %(e)s") % {"e": error}
            on_item(ItemReport(code=code, name=name, error=message), None, None)
            continue
        except PortalError as error:
            return _("Cổng DVCQG ngừng trả lời khi lấy thủ tục %(code)s: %(e)s") % {
                "code": code,
                "e": error,
            }
        if record is None:
            message = _("Không có thủ tục mã %(code)s trên CSDL quốc gia về TTHC.") % {"code": code}
            on_item(ItemReport(code=code, name=name, error=message), None, None)
            continue
        item, proposed = _assess(record, pulled_at)
        on_item(item, proposed, record)
    return ""


def _malformed(error: Exception) -> str:
    return _("Cổng DVCQG trả về dữ liệu thủ tục sai cấu trúc, không ghi gì: %(e)s") % {
        "e": str(error)[:1500]
    }


def preview(
    *, mode: str = PullMode.CHANGED, since=None, codes: list[str] | None = None
) -> PullReport:
    """What a pull would find, without writing anything."""
    mode, since = resolve_since(mode, since)
    report = PullReport(mode=mode, since=since)
    report.error = _walk(mode, since, codes or [], lambda item, *_: report.items.append(item))
    return report


def pull(
    *, actor=None, mode: str = PullMode.CHANGED, since=None, codes: list[str] | None = None
) -> PullReport:
    """Fetch, compare, record, and create drafts (see the module docstring)."""
    mode, since = resolve_since(mode, since)
    report = PullReport(mode=mode, since=since)
    report.pull = CataloguePull.objects.create(
        started_at=timezone.now(), actor=actor, mode=mode, since=since
    )

    def on_item(item: ItemReport, proposed: dict | None, record: dict | None) -> None:
        if proposed is not None and item.outcome in (ItemOutcome.NEW, ItemOutcome.CHANGED):
            try:
                _make_draft(report.pull, item, proposed, record, actor)
            except (ValidationError, catalog.CatalogueFileError) as error:
                item.outcome = ItemOutcome.FAILED
                item.error = _("Nội dung quốc gia không ghi được thành bản nháp: %(e)s") % {
                    "e": _problems(error)
                }
                item.draft = None
        if item.draft is None:
            _save_item(report.pull, item)
        report.items.append(item)

    report.error = _walk(mode, since, codes or [], on_item)
    _finish(report, actor)
    return report


@transaction.atomic
def _make_draft(pull_row: CataloguePull, item: ItemReport, proposed: dict, record, actor) -> None:
    # The procedure row is locked so that two pulls at once cannot both draft one change.
    catalog.lock_procedure(item.code)
    if _drafted_before(item):
        item.outcome = ItemOutcome.ALREADY_DRAFTED
        return
    field_row = record["LinhVucThucHien"][0]
    catalog.ensure_field(code=field_row["MaLinhVuc"], name=field_row["TenLinhVuc"])
    item.draft = catalog.create_draft_from_content(
        item.code,
        proposed,
        actor=actor,
        note=_("Lấy từ CSDL quốc gia về TTHC, quyết định %(d)s") % {"d": record["SoQuyetDinh"]},
    )
    _save_item(pull_row, item)
    audit.record(
        actor=actor,
        verb="integrations.catalogue.draft",
        obj=item.draft,
        code=item.code,
        pull=pull_row.pk,
        outcome=item.outcome,
        changed=[c.key for c in item.counted_changes],
    )


def _save_item(pull_row: CataloguePull, item: ItemReport) -> None:
    CataloguePullItem.objects.create(
        pull=pull_row,
        code=item.code,
        name=item.name[:500],
        outcome=item.outcome,
        national_updated=item.national_updated,
        fingerprint=item.fingerprint,
        changes=[c.as_dict() for c in item.changes],
        base_version=item.base_version,
        draft=item.draft,
        error=item.error,
    )


def _problems(error: Exception) -> str:
    if isinstance(error, catalog.CatalogueFileError):
        return "; ".join(f"{path}: {message}" for path, message in error.problems[:10])
    return "; ".join(getattr(error, "messages", [str(error)]))


@transaction.atomic
def _finish(report: PullReport, actor) -> None:
    row = report.pull
    row.finished_at = timezone.now()
    row.listed = len(report.items)
    row.new = report.count(ItemOutcome.NEW)
    row.changed = report.count(ItemOutcome.CHANGED)
    row.unchanged = report.count(ItemOutcome.UNCHANGED)
    row.already_drafted = report.count(ItemOutcome.ALREADY_DRAFTED)
    row.failed = report.count(ItemOutcome.FAILED)
    row.drafts = sum(1 for item in report.items if item.draft is not None)
    row.error = report.error
    if report.error:
        row.outcome = PullOutcome.FAILED
    elif row.failed:
        row.outcome = PullOutcome.PARTIAL
    else:
        row.outcome = PullOutcome.OK
    row.save()
    audit.record(
        actor=actor,
        verb="integrations.catalogue.pull",
        obj=row,
        mode=row.mode,
        since=row.since.isoformat() if row.since else "",
        outcome=row.outcome,
        new=row.new,
        changed=row.changed,
        unchanged=row.unchanged,
        already_drafted=row.already_drafted,
        failed=row.failed,
        drafts=row.drafts,
        error=row.error[:500],
    )
