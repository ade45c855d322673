"""Who may see and act on a feedback, and who may rate a dossier — the one access module.

- Officers see the feedback whose concerned or handling agency is in the subtree of one of their
  units; handling roles act, managers read only.
- Signed-in authors see their own feedback; everybody sees published answers.
- Only the dossier's applicant rates it online; a desk officer of the receiving unit records a
  rating on the applicant's behalf (desk device or slip).
A denied feedback looks the same as a missing one.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Role
from motcua.dossiers.access import home_agency
from motcua.dossiers.constants import Status as DossierStatus

from .constants import Action, Status
from .errors import NotPermitted, RuleViolation
from .models import Feedback
from .tracking import clean

R = Role
HANDLERS = frozenset({R.DESK_OFFICER, R.SPECIALIST, R.UNIT_LEADER, R.AGENCY_LEADER})
LEADERS = frozenset({R.UNIT_LEADER, R.AGENCY_LEADER})
# Which roles may take each officer action on a feedback of their agency's subtree.
OFFICER_ROLES: dict[str, frozenset[str]] = {
    Action.TRANSFER: HANDLERS,
    Action.REQUEST_SUPPLEMENT: HANDLERS,
    Action.RECORD_SUPPLEMENT: HANDLERS,
    Action.REFUSE: frozenset({R.SPECIALIST}) | LEADERS,
    Action.ANSWER: frozenset({R.SPECIALIST}) | LEADERS,
    Action.PUBLISH: LEADERS,
    Action.MARK_REPEAT: HANDLERS,
}
RATABLE = frozenset({DossierStatus.RESULT_READY, DossierStatus.RETURNED})


@dataclass(frozen=True)
class Capacity:
    """In what unit and role an officer acts; recorded on the history row."""

    unit: object | None
    role: str


def _paths(user, roles=None) -> list[tuple[str, object, str]]:
    return [
        (home_agency(m.unit).path, m.unit, m.role)
        for m in agencies.active_memberships(user)
        if roles is None or m.role in roles
    ]


def visible_to(user, queryset: QuerySet[Feedback] | None = None) -> QuerySet[Feedback]:
    """Every feedback ``user`` may open in the back office or in "my feedback"."""
    qs = Feedback.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if user.is_applicant:
        return qs.filter(author=user)
    if not user.is_officer:
        return qs.none()
    condition = Q(pk__in=[])
    for path, _unit, _role in _paths(user):
        condition |= Q(agency__path__startswith=path) | Q(concerned_agency__path__startswith=path)
    return qs.filter(condition)


def get_feedback_for(user, code: str) -> Feedback:
    """The feedback with ``code`` if ``user`` may see it; Feedback.DoesNotExist otherwise."""
    return visible_to(user).get(code=code)


def get_feedback_by_token(code: str, token: str) -> Feedback:
    """The feedback with ``code`` if ``token`` is its tracking code (as typed: separators and
    case do not matter); Feedback.DoesNotExist otherwise, whichever of the two is wrong."""
    feedback = Feedback.objects.select_related("agency", "dossier", "procedure").get(
        code=(code or "").strip().upper()
    )
    if not hmac.compare_digest(feedback.tracking_token.encode(), clean(token).encode()):
        raise Feedback.DoesNotExist
    return feedback


def sender_capacity(user, feedback: Feedback, token: str = "") -> Capacity | None:
    """The sender acting on their own feedback: its signed-in author, or whoever holds its
    tracking code. None for an officer (who acts in a unit and role, ``capacity_for``);
    NotPermitted for anybody else."""
    if getattr(user, "is_officer", False):
        return None
    if getattr(user, "is_applicant", False) and feedback.author_id == user.pk:
        return Capacity(unit=None, role="")
    if token and hmac.compare_digest(feedback.tracking_token.encode(), clean(token).encode()):
        return Capacity(unit=None, role="")
    raise NotPermitted(_("Bạn không có quyền thực hiện thao tác này."), code="not_permitted")


def published(queryset: QuerySet[Feedback] | None = None) -> QuerySet[Feedback]:
    """What everybody, signed in or not, may read: published answers."""
    qs = Feedback.objects.all() if queryset is None else queryset
    return qs.filter(status=Status.PUBLISHED)


def capacity_for(user, feedback: Feedback, action: str) -> Capacity:
    """The unit and role in which ``user`` may take ``action``; NotPermitted otherwise. Officers
    act for the agency currently handling the feedback."""
    if user is None or not getattr(user, "is_officer", False) or action not in OFFICER_ROLES:
        raise NotPermitted(_("Bạn không có quyền thực hiện thao tác này."), code="not_permitted")
    for path, unit, role in _paths(user, OFFICER_ROLES[action]):
        if feedback.agency.path.startswith(path):
            return Capacity(unit=unit, role=role)
    raise NotPermitted(
        _("Bạn không có vai trò phù hợp tại %(agency)s để thực hiện thao tác này.")
        % {"agency": feedback.agency.display_name},
        code="not_permitted",
    )


def may_act(user, feedback: Feedback, action: str) -> bool:
    try:
        capacity_for(user, feedback, action)
    except NotPermitted:
        return False
    return True


def rating_capacity(user, dossier, *, on_behalf: bool) -> Capacity:
    """Who may rate ``dossier``: its applicant online, or a desk officer of its receiving unit
    on the applicant's behalf. Raises NotPermitted or RuleViolation (no result yet)."""
    if not getattr(user, "is_authenticated", False):
        raise NotPermitted(_("Bạn cần đăng nhập để đánh giá."), code="not_permitted")
    if on_behalf:
        for path, unit, role in _paths(user, {R.DESK_OFFICER}) if user.is_officer else []:
            if dossier.receiving_unit.path.startswith(path):
                capacity = Capacity(unit=unit, role=role)
                break
        else:
            raise NotPermitted(
                _("Chỉ cán bộ Bộ phận Một cửa nơi tiếp nhận hồ sơ được ghi nhận đánh giá thay."),
                code="not_permitted",
            )
    elif getattr(user, "is_applicant", False) and dossier.applicant_id == user.pk:
        capacity = Capacity(unit=None, role="")
    else:
        raise NotPermitted(_("Chỉ người nộp hồ sơ được đánh giá hồ sơ này."), code="not_permitted")
    if dossier.status not in RATABLE:
        raise RuleViolation(_("Hồ sơ chưa có kết quả nên chưa thể đánh giá."), code="no_result_yet")
    return capacity
