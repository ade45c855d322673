"""Whether a paperless-day rule (``models.PaperlessRule``) stops the desk from taking a paper
application, and the validation an administrator's rule must pass."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import OnlineLevel
from .models import PaperlessRule

# The applicant kinds that count as organisations: dossiers.constants.ORGANISATION_KINDS
# (enterprises and other organisations, "business"; state agencies, "state_agency"). Named
# here, not imported: catalog sits below dossiers; a test keeps the two the same.
ORGANISATION_KINDS = frozenset({"business", "state_agency"})


def rules_on(unit, day: datetime.date):
    """The rules of ``unit`` in force on ``day``."""
    return (
        PaperlessRule.objects.filter(unit=unit, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .prefetch_related("procedures")
    )


def applies(rule: PaperlessRule, version, day: datetime.date, applicant_kind: str = "") -> bool:
    if version.online_level != OnlineLevel.FULL:
        return False  # never for a procedure that cannot be filed fully online
    listed = {p.pk for p in rule.procedures.all()}
    if listed and version.procedure_id not in listed:
        return False
    if day.weekday() in (rule.weekdays or []):
        return True
    return rule.organisations_always and applicant_kind in ORGANISATION_KINDS


def paperless_rule(unit, version, day: datetime.date, applicant_kind: str = ""):
    """The rule under which ``unit`` takes no paper application of ``version`` on ``day`` (for
    an applicant of ``applicant_kind``), or None."""
    if unit is None or version.online_level != OnlineLevel.FULL:
        return None
    for rule in rules_on(unit, day):
        if applies(rule, version, day, applicant_kind):
            return rule
    return None


def refusal_text(rule: PaperlessRule, version) -> str:
    """What the desk tells the applicant, in plain Vietnamese."""
    text = _(
        "Theo quy định của %(unit)s, hôm nay Bộ phận Một cửa không tiếp nhận hồ sơ giấy của thủ "
        "tục “%(procedure)s” (%(days)s). Thủ tục này được nộp trực tuyến toàn trình: cán bộ sẽ "
        "hỗ trợ công dân nộp trực tuyến ngay tại quầy bằng tài khoản của công dân."
    ) % {"unit": rule.unit.name, "procedure": version.name, "days": rule.days_text()}
    if rule.decision:
        text += " " + _("Căn cứ: %(decision)s.") % {"decision": rule.decision}
    return text


def check_rule(*, weekdays, organisations_always, valid_from, valid_to, procedures, unit) -> None:
    """Refuse a rule that could not be applied as written (used by the admin form)."""
    errors = {}
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = _("Ngày hết hiệu lực phải sau ngày bắt đầu.")
    bad_days = [d for d in weekdays or [] if not isinstance(d, int) or not 0 <= d <= 6]
    if bad_days:
        errors["weekdays"] = _("Ngày trong tuần là số từ 0 (Thứ Hai) đến 6 (Chủ nhật).")
    elif not weekdays and not organisations_always:
        errors["weekdays"] = _(
            "Hãy chọn ít nhất một ngày trong tuần, hoặc chọn “tổ chức luôn nộp trực tuyến”."
        )
    if unit is not None and not unit.runs_one_stop_desk:
        errors["unit"] = _("Chỉ áp dụng cho đơn vị có Bộ phận Một cửa.")
    on = valid_from or timezone.localdate()
    offline = [p for p in procedures or [] if not _fully_online(p, on)]
    if offline:
        errors["procedures"] = _(
            "Chỉ được chọn thủ tục cung cấp dịch vụ công trực tuyến toàn trình; không phải: "
            "%(names)s."
        ) % {"names": "; ".join(p.code for p in offline)}
    if errors:
        raise ValidationError(errors)


def _fully_online(procedure, on: datetime.date) -> bool:
    from . import selectors

    version = selectors.published_version_on(procedure, on)
    if version is None:
        version = selectors.published_version_on(procedure)
    return version is not None and version.online_level == OnlineLevel.FULL
