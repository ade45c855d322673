"""Checks a version must pass before it is published: the mandatory components of ND 63/2010
Art. 8 §2 (a–g, h where applicable) and internal processes whose step quotas add up to the
processing time of each channel (domain.md §6.5)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from motcua.worktime.constants import HOURS_PER_WORKING_DAY, DurationUnit

from . import fees
from .constants import (
    AgencyRole,
    Channel,
    ComponentSource,
    OnlineLevel,
    Requirement,
    StepUnit,
    Subject,
)
from .models import ChannelTerm, InternalProcess, ProcedureVersion, ProcessStep

WORKING_UNITS = {DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS}


def to_working_hours(amount: Decimal, unit: str) -> Decimal | None:
    """Working days and hours in working hours (1 WD = 8 h); None for calendar units, which
    need a calendar to compare."""
    if unit == DurationUnit.WORKING_HOURS:
        return Decimal(amount)
    if unit == DurationUnit.WORKING_DAYS:
        return Decimal(amount) * HOURS_PER_WORKING_DAY
    return None


def describe(amount: Decimal, unit: str) -> str:
    return f"{_number(amount)} {DurationUnit(unit).label}"


def _number(amount: Decimal) -> str:
    text = f"{Decimal(amount).normalize():f}"
    return text.replace(".", ",")


def _load(version: ProcedureVersion) -> ProcedureVersion:
    return (
        ProcedureVersion.objects.select_related("field", "procedure")
        .prefetch_related(
            "channels__fee_lines",
            "components",
            "agencies",
            "linked",
            Prefetch(
                "processes",
                queryset=InternalProcess.objects.prefetch_related(
                    Prefetch("steps", queryset=ProcessStep.objects.order_by("order"))
                ),
            ),
        )
        .get(pk=version.pk)
    )


def process_duration(steps: list[ProcessStep]) -> tuple[Decimal, str] | None:
    """Time from receipt to result along the step table: stages run one after another, steps
    of one stage in parallel, so a stage lasts as long as its longest step. The applicant's own
    steps are outside the deadline. Returns (amount, unit) in working hours when every counted
    step is in working time, in the shared calendar unit otherwise; None when units are mixed."""
    counted = [s for s in steps if s.unit != StepUnit.APPLICANT]
    units = {s.quota_unit for s in counted}
    by_stage: dict[int, Decimal] = defaultdict(Decimal)
    if units <= WORKING_UNITS:
        for step in counted:
            hours = to_working_hours(step.quota_amount, step.quota_unit)
            by_stage[step.stage] = max(by_stage[step.stage], hours)
        return sum(by_stage.values(), Decimal(0)), DurationUnit.WORKING_HOURS
    if len(units) == 1:
        (unit,) = units
        for step in counted:
            by_stage[step.stage] = max(by_stage[step.stage], Decimal(step.quota_amount))
        return sum(by_stage.values(), Decimal(0)), unit
    return None


def _quota_problems(process: InternalProcess, terms: list[ChannelTerm], label: str) -> list[str]:
    steps = list(process.steps.all())
    duration = process_duration(steps)
    if duration is None:
        return [
            _(
                "%(process)s: các bước dùng lẫn đơn vị ngày theo lịch và ngày, giờ làm việc, "
                "không cộng được thời gian."
            )
            % {"process": label}
        ]
    total, total_unit = duration
    problems = []
    for term in terms:
        if term.channel and process.channel and term.channel != process.channel:
            continue
        expected = to_working_hours(term.processing_amount, term.processing_unit)
        if expected is not None and total_unit == DurationUnit.WORKING_HOURS:
            matches = expected == total
            expected_text = describe(term.processing_amount, term.processing_unit)
            if term.processing_unit == DurationUnit.WORKING_DAYS:
                expected_text += " = " + describe(expected, DurationUnit.WORKING_HOURS)
        elif term.processing_unit == total_unit:
            matches = Decimal(term.processing_amount) == total
            expected_text = describe(term.processing_amount, term.processing_unit)
        else:
            problems.append(
                _(
                    "%(process)s, kênh %(channel)s: thời hạn tính bằng %(unit)s nhưng các bước "
                    "tính bằng %(steps_unit)s, không so sánh được."
                )
                % {
                    "process": label,
                    "channel": term.get_channel_display(),
                    "unit": term.get_processing_unit_display(),
                    "steps_unit": DurationUnit(total_unit).label,
                }
            )
            continue
        if not matches:
            problems.append(
                _(
                    "%(process)s, kênh %(channel)s: tổng thời gian các bước là %(total)s, khác "
                    "thời hạn giải quyết %(expected)s."
                )
                % {
                    "process": label,
                    "channel": term.get_channel_display(),
                    "total": describe(total, total_unit),
                    "expected": expected_text,
                }
            )
    return problems


def _step_problems(process: InternalProcess, label: str) -> list[str]:
    steps = list(process.steps.all())
    if not steps:
        return [_("%(process)s chưa có bước xử lý nào.") % {"process": label}]
    problems = []
    if [s.order for s in steps] != list(range(1, len(steps) + 1)):
        problems.append(_("%(process)s: các bước phải đánh số liên tục từ 1.") % {"process": label})
    stages = [s.stage for s in steps]
    if stages != sorted(stages):
        problems.append(
            _("%(process)s: giai đoạn của các bước phải tăng dần theo thứ tự bước.")
            % {"process": label}
        )
    for step in steps:
        where = _("%(process)s, bước %(order)d") % {"process": label, "order": step.order}
        if step.unit == StepUnit.PARTNER_AGENCY and not step.agency_name:
            problems.append(
                _("%(where)s: bước liên thông phải ghi cơ quan thực hiện.") % {"where": where}
            )
        if step.unit not in (StepUnit.APPLICANT, StepUnit.PARTNER_AGENCY) and not step.role:
            problems.append(_("%(where)s: chưa chọn vai trò cán bộ.") % {"where": where})
    return problems


def _content_problems(version: ProcedureVersion) -> list[str]:
    links_itself = any(link.procedure_id == version.procedure_id for link in version.linked.all())
    problems = []
    required_text = [
        (version.name, _("Chưa có tên thủ tục.")),
        (version.sequence, _("Chưa có trình tự thực hiện.")),
        (version.result_name, _("Chưa có tên kết quả thực hiện.")),
    ]
    problems += [message for value, message in required_text if not value.strip()]
    if not version.subjects:
        problems.append(_("Chưa có đối tượng thực hiện."))
    unknown = [s for s in version.subjects if s not in Subject.values]
    if unknown:
        problems.append(
            _("Đối tượng thực hiện không hợp lệ: %(values)s.") % {"values": ", ".join(unknown)}
        )
    if links_itself:
        problems.append(_("Dịch vụ liên thông không thể gồm chính thủ tục này."))
    if not any(a.role == AgencyRole.EXECUTING for a in version.agencies.all()):
        problems.append(_("Chưa có cơ quan thực hiện."))
    for agency in version.agencies.all():
        # Partners (police, social insurance) may sit outside the agency tree; those who carry
        # the procedure out must be found in it, by level or by name.
        if agency.role == AgencyRole.EXECUTING and not agency.level and agency.agency_id is None:
            problems.append(
                _("Cơ quan “%(name)s”: phải chọn cấp cơ quan hoặc cơ quan cụ thể.")
                % {"name": agency.name}
            )
    components = list(version.components.all())
    if not components:
        problems.append(_("Chưa có thành phần hồ sơ."))
    for component in components:
        if component.requirement == Requirement.CONDITIONAL and not component.condition.strip():
            problems.append(
                _("Thành phần “%(name)s” là trường hợp nhưng chưa ghi trường hợp nào.")
                % {"name": component.name}
            )
        if (
            component.source == ComponentSource.NATIONAL_DATABASE
            and not component.national_database
        ):
            problems.append(
                _("Thành phần “%(name)s” khai thác từ cơ sở dữ liệu nhưng chưa ghi cơ sở dữ liệu.")
                % {"name": component.name}
            )
        if component.originals + component.copies == 0:
            problems.append(
                _("Thành phần “%(name)s” chưa ghi số bản chính, bản sao.")
                % {"name": component.name}
            )
    return problems


def _channel_problems(version: ProcedureVersion, terms: list[ChannelTerm]) -> list[str]:
    problems = []
    if not terms:
        problems.append(_("Chưa có cách thức thực hiện (kênh, thời hạn, phí, lệ phí)."))
    has_online = any(t.channel == Channel.ONLINE for t in terms)
    if version.online_level != OnlineLevel.NONE and not has_online:
        problems.append(
            _("Thủ tục có dịch vụ công trực tuyến nhưng chưa có cách thức thực hiện trực tuyến.")
        )
    if version.online_level == OnlineLevel.NONE and has_online:
        problems.append(
            _("Có cách thức thực hiện trực tuyến nhưng mức độ DVC là “không cung cấp”.")
        )
    if version.online_level == OnlineLevel.FULL and not version.full_online_eligible:
        problems.append(
            _("DVC toàn trình nhưng thủ tục chưa được đánh dấu đủ điều kiện toàn trình.")
        )
    for term in terms:
        if term.processing_amount <= 0 and not term.same_day:
            problems.append(
                _("Kênh %(channel)s: thời hạn giải quyết phải lớn hơn 0.")
                % {"channel": term.get_channel_display()}
            )
        problems += _fee_problems(version, term)
    return problems


def _form_field_problems(version: ProcedureVersion) -> list[str]:
    """The application form's fields as the catalogue importer reads them (a draft edited in
    the administration is held to the same rules, date rules included)."""
    from .interchange.form_fields import parse_form_fields
    from .interchange.schema import Reader

    reader = Reader()
    parse_form_fields(reader, version.form_fields, "form_fields")
    return [
        _("Tờ khai điện tử, %(path)s: %(problem)s") % {"path": path, "problem": problem}
        for path, problem in reader.problems
    ]


def _fee_problems(version: ProcedureVersion, term: ChannelTerm) -> list[str]:
    """Counting rules of the channel's fee lines, checked again at publication since the
    application form they take quantities from may have changed since."""
    lines = list(term.fee_lines.all())
    found = [(lines[i], message) for i, message in fees.channel_problems(lines)]
    for line in lines:
        found += [
            (line, message) for _attribute, message in fees.rule_problems(line, version.form_fields)
        ]
    return [
        _("Kênh %(channel)s, khoản “%(name)s”: %(problem)s.")
        % {"channel": term.get_channel_display(), "name": line.name, "problem": message}
        for line, message in found
    ]


def validate(version: ProcedureVersion) -> list[str]:
    """Every problem that stops ``version`` from being published, in plain Vietnamese; an
    empty list when it can be published."""
    version = _load(version)
    terms = list(version.channels.all())
    problems = _content_problems(version) + _channel_problems(version, terms)
    problems += _form_field_problems(version)
    processes = list(version.processes.all())
    if not processes:
        problems.append(_("Chưa có quy trình nội bộ."))
    seen: set[tuple[int | None, str]] = set()
    for index, process in enumerate(processes, start=1):
        label = _("Quy trình “%(name)s”") % {"name": process.name or index}
        key = (process.agency_id, process.channel)
        if key in seen:
            problems.append(
                _("%(process)s trùng cơ quan và kênh áp dụng với một quy trình khác.")
                % {"process": label}
            )
        seen.add(key)
        if process.channel and not any(t.channel == process.channel for t in terms):
            problems.append(
                _("%(process)s áp dụng cho kênh không có trong cách thức thực hiện.")
                % {"process": label}
            )
        problems += _step_problems(process, label)
        problems += _quota_problems(process, terms, label)
    return problems
