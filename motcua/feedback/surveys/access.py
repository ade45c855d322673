"""Who may run a survey and read its results, and who may answer it — the one access module of
surveys.

- Managers (thống kê, giám sát) and agency leaders run campaigns for an agency of their
  subtree and read the results of every campaign run by an agency of it (parent units see
  their children's campaigns; a sibling's manager sees nothing).
- The manager of a covered unit reads the results of that unit only in a campaign run above
  it (the province's campaign, their commune's answers), and may not change it.
- Citizens answer only through a valid SMS token, their own dossier with a result, or the
  public counter page of a covered unit.
A denied campaign looks the same as a missing one.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.dossiers.access import get_dossier_for
from motcua.dossiers.models import Dossier

from ..access import RATABLE
from ..errors import NotPermitted, RuleViolation
from ..models import Survey


def manager_roots(user) -> list[Agency]:
    """The agencies whose subtree ``user`` manages (the reports' reading rule)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_officer", False):
        return []
    from motcua.reports.selectors import reporting_roots

    return reporting_roots(user)


def manageable(user, queryset: QuerySet[Survey] | None = None) -> QuerySet[Survey]:
    """Every campaign ``user`` may open, edit, close and read the results of."""
    qs = Survey.objects.all() if queryset is None else queryset
    roots = manager_roots(user)
    if not roots:
        return qs.none()
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(agency__path__startswith=root.path)
    return qs.filter(condition)


def readable(user, queryset: QuerySet[Survey] | None = None) -> QuerySet[Survey]:
    """The campaigns ``user`` manages, and those covering a unit of their subtree."""
    qs = Survey.objects.all() if queryset is None else queryset
    roots = manager_roots(user)
    if not roots:
        return qs.none()
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(agency__path__startswith=root.path) | Q(units__path__startswith=root.path)
    return qs.filter(pk__in=Survey.objects.filter(condition).values("pk"))


def results_scope(user, code: str) -> tuple[Survey, list[Agency] | None]:
    """The campaign ``code`` and the covered units ``user`` may read (None: all of them, as its
    manager); Survey.DoesNotExist when neither."""
    survey = readable(user).select_related("agency").get(code=code)
    roots = manager_roots(user)
    if any(survey.agency.path.startswith(root.path) for root in roots):
        return survey, None
    units = [u for u in survey.units.all() if any(u.path.startswith(root.path) for root in roots)]
    return survey, units


def get_survey_for(user, code: str) -> Survey:
    """The campaign ``code`` if ``user`` manages it; Survey.DoesNotExist otherwise."""
    return manageable(user).select_related("agency").get(code=code)


def organisers(user) -> list[Agency]:
    """The agencies ``user`` may run a campaign for: their roots and everything below."""
    roots = manager_roots(user)
    if not roots:
        return []
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(path__startswith=root.path)
    return list(Agency.objects.filter(condition).order_by("path"))


def require_organiser(user, agency: Agency) -> None:
    if not any(agency.path.startswith(root.path) for root in manager_roots(user)):
        raise NotPermitted(
            _("Bạn không quản lý %(agency)s nên không tổ chức khảo sát cho đơn vị này.")
            % {"agency": agency.display_name},
            code="not_permitted",
        )


def covered_unit(survey: Survey, agency: Agency) -> Agency | None:
    """The covered unit that ``agency`` (a dossier's unit) counts for: itself or its nearest
    covered ancestor; None when the campaign does not cover it."""
    covered = sorted(survey.units.all(), key=lambda u: len(u.path), reverse=True)
    return next((u for u in covered if agency.path.startswith(u.path)), None)


def dossier_for_answer(user, survey: Survey, code: str) -> tuple[Dossier, Agency]:
    """The citizen's own dossier ``code`` and the covered unit it counts for. Dossier.DoesNotExist
    for somebody else's; RuleViolation while it has no result or the campaign does not cover it."""
    if not getattr(user, "is_applicant", False):
        raise Dossier.DoesNotExist
    dossier = get_dossier_for(user, code)
    if dossier.applicant_id != user.pk:
        raise Dossier.DoesNotExist
    if dossier.status not in RATABLE:
        raise RuleViolation(
            _("Hồ sơ chưa có kết quả nên chưa thể trả lời khảo sát."), code="no_result_yet"
        )
    unit = covered_unit(survey, dossier.receiving_unit)
    if unit is None:
        raise RuleViolation(
            _("Đợt khảo sát này không khảo sát đơn vị đã tiếp nhận hồ sơ của bạn."),
            code="not_covered",
        )
    return dossier, unit
