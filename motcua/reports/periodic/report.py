"""The periodic resolution report (báo cáo tình hình giải quyết TTHC, domain.md §8.1): per unit
and per field, received (carried over + new by channel) against processed (early / on time /
late), in progress (within time / overdue) and paused (supplement / financial obligation /
stopped), with the balance identity checked on every row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from motcua.catalog.constants import Channel
from motcua.dossiers.constants import Outcome
from motcua.dossiers.models import RuleSet
from motcua.worktime.constants import Punctuality

from ..aggregates import tally
from ..aggregates.models import Flow
from ..common.periods import Period
from ..constants import PERIODIC_KEYS, Bucket, PauseKind
from ..measurement import facts as facts_module
from ..measurement import history


@dataclass
class Row:
    key: str
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PERIODIC_KEYS, 0))

    def add(self, fact: facts_module.DossierFact) -> None:
        c = self.counts
        c["received_total"] += 1
        if fact.carried_over:
            c["carried_over"] += 1
        else:
            c["new_total"] += 1
            c[
                {Channel.ONLINE: "new_online", Channel.POSTAL: "new_postal"}.get(
                    fact.channel, "new_direct"
                )
            ] += 1
        if fact.bucket == Bucket.PROCESSED:
            c["processed_total"] += 1
            c[
                {Punctuality.EARLY: "processed_early", Punctuality.LATE: "processed_late"}.get(
                    fact.punctuality, "processed_on_time"
                )
            ] += 1
        elif fact.bucket == Bucket.IN_PROGRESS:
            c["in_progress_total"] += 1
            c["in_progress_overdue" if fact.late else "in_progress_within_time"] += 1
        else:
            c["paused_total"] += 1
            c["paused_overdue" if fact.late else "paused_within_time"] += 1
            c[
                {
                    PauseKind.SUPPLEMENT: "paused_supplement",
                    PauseKind.FINANCIAL: "paused_financial_obligation",
                }.get(fact.pause_kind, "paused_stopped")
            ] += 1

    @property
    def balanced(self) -> bool:
        """Kỳ trước chuyển sang + trong kỳ = đã xử lý + đang xử lý + tạm dừng."""
        c = self.counts
        return (
            c["carried_over"] + c["new_total"]
            == c["processed_total"] + c["in_progress_total"] + c["paused_total"]
            == c["received_total"]
            and c["new_total"] == c["new_online"] + c["new_direct"] + c["new_postal"]
            and c["processed_total"]
            == c["processed_early"] + c["processed_on_time"] + c["processed_late"]
            and c["in_progress_total"] == c["in_progress_within_time"] + c["in_progress_overdue"]
            and c["paused_total"]
            == c["paused_supplement"] + c["paused_financial_obligation"] + c["paused_stopped"]
            == c["paused_within_time"] + c["paused_overdue"]
        )

    @property
    def on_time_rate(self):
        """Share of processed dossiers finished early or on time, in % (None if none)."""
        total = self.counts["processed_total"]
        if not total:
            return None
        return round(100 * (total - self.counts["processed_late"]) / total, 2)

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, **self.counts, "balanced": self.balanced}


@dataclass
class PeriodicReport:
    agency: object
    period: Period
    field_code: str | None
    rule_version: str
    units: list[Row]
    fields: list[Row]
    total: Row

    @property
    def balanced(self) -> bool:
        return self.total.balanced and all(r.balanced for r in self.units + self.fields)

    def as_dict(self) -> dict:
        return {
            "agency": self.agency.code,
            "agency_name": self.agency.name,
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "field": self.field_code or None,
            "rule_version": self.rule_version,
            "balance_identity": "carried_over + new_total = processed_total + "
            "in_progress_total + paused_total",
            "balanced": self.balanced,
            "totals": self.total.as_dict(),
            "units": [row.as_dict() for row in self.units],
            "fields": [row.as_dict() for row in self.fields],
        }


RULE_VERSION = (
    "QĐ 766/QĐ-TTg — quy tắc thống kê: trừ thời gian tạm dừng; yêu cầu bổ sung quá số lần "
    "cho phép tính quá hạn; hồ sơ chưa kết thúc tính tại cuối kỳ (kỳ chưa kết thúc: tại thời "
    "điểm xem báo cáo)"
)


def _rows(
    facts: Iterable, key: Callable, label: Callable, order: Callable | None = None
) -> list[Row]:
    rows: dict = {}
    for fact in facts:
        k = key(fact)
        if k not in rows:
            rows[k] = Row(str(k), label(fact))
        rows[k].add(fact)
    return sorted(rows.values(), key=order or (lambda r: r.label))


def build(agency, period: Period, *, field_code: str | None = None, facts=None) -> PeriodicReport:
    """The report from the daily aggregates; from the dossiers themselves when ``facts`` (from
    ``facts.load``) are given — the two are the same by construction and by test."""
    if facts is None:
        return _from_tally(
            agency, period, field_code, tally.load(agency, period, field_code=field_code)
        )
    total = Row("total", _("Tổng cộng"))
    for fact in facts:
        total.add(fact)
    rule_names = sorted({f.rules_name for f in facts})
    rule_version = RULE_VERSION + (f" ({', '.join(rule_names)})" if rule_names else "")
    return PeriodicReport(
        agency=agency,
        period=period,
        field_code=field_code,
        rule_version=rule_version,
        units=_rows(facts, lambda f: f.unit_id, lambda f: f.unit_name),
        fields=_rows(
            facts,
            lambda f: f.field_code or "-",
            lambda f: f"{f.field_name} ({f.field_code})" if f.field_code else _("Chưa phân loại"),
        ),
        total=total,
    )


def columns_of(counted: tally.Tally):
    """Every (unit, version, column, dossiers) the aggregates add to the report's cells."""
    channel_column = {Channel.ONLINE: "new_online", Channel.POSTAL: "new_postal"}
    for row in counted.at_start:
        yield row, "carried_over", row.dossiers
    for row in counted.flows:
        if row.flow == Flow.RECEIVED:
            yield row, "new_total", row.dossiers
            yield row, channel_column.get(row.channel, "new_direct"), row.dossiers
        elif row.outcome == Outcome.STOPPED:
            yield row, "paused_total", row.dossiers
            yield row, "paused_stopped", row.dossiers
            late = row.punctuality == Punctuality.LATE
            yield row, "paused_overdue" if late else "paused_within_time", row.dossiers
        else:
            yield row, "processed_total", row.dossiers
            column = {
                Punctuality.EARLY: "processed_early",
                Punctuality.LATE: "processed_late",
            }.get(row.punctuality, "processed_on_time")
            yield row, column, row.dossiers
    for row in counted.at_end:
        late = row.state in history.LATE_STATES
        if row.state in history.PAUSED_STATES:
            yield row, "paused_total", row.dossiers
            yield row, "paused_overdue" if late else "paused_within_time", row.dossiers
            kind = (
                "paused_supplement"
                if row.state in (history.SUPPLEMENT, history.SUPPLEMENT_LATE)
                else "paused_financial_obligation"
            )
            yield row, kind, row.dossiers
        else:
            yield row, "in_progress_total", row.dossiers
            yield row, "in_progress_overdue" if late else "in_progress_within_time", row.dossiers


def _from_tally(agency, period, field_code, counted: tally.Tally) -> PeriodicReport:
    total = Row("total", _("Tổng cộng"))
    units: dict[int, Row] = {}
    fields: dict[str, Row] = {}
    for row, column, n in columns_of(counted):
        version = counted.versions[row.version_id]
        unit_row = units.get(row.unit_id)
        if unit_row is None:
            unit_row = units[row.unit_id] = Row(str(row.unit_id), counted.units[row.unit_id])
        field_key = version.field_code or "-"
        field_row = fields.get(field_key)
        if field_row is None:
            label = (
                f"{version.field_name} ({version.field_code})"
                if version.field_code
                else _("Chưa phân loại")
            )
            field_row = fields[field_key] = Row(field_key, label)
        for target in (total, unit_row, field_row):
            target.counts[column] += n
            if column in ("carried_over", "new_total"):
                target.counts["received_total"] += n
    rule_names = rule_names_of(counted)
    rule_version = RULE_VERSION + (f" ({', '.join(rule_names)})" if rule_names else "")
    return PeriodicReport(
        agency=agency,
        period=period,
        field_code=field_code,
        rule_version=rule_version,
        units=sorted(units.values(), key=lambda r: r.label),
        fields=sorted(fields.values(), key=lambda r: r.label),
        total=total,
    )


def rule_names_of(counted: tally.Tally) -> list[str]:
    """The rule sets the dossiers of the period were received under."""
    ids = {r.rules_id for r in (*counted.flows, *counted.at_start, *counted.at_end)}
    return sorted(RuleSet.objects.filter(pk__in=ids).values_list("name", flat=True))
