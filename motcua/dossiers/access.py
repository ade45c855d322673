"""Who may see and who may act on a dossier — the one access function of the model.

- Applicants see the dossiers filed from their account.
- Officers see what their units handle: a desk officer the dossiers received at their desk;
  specialists, leaders and the registry the dossiers their agency resolves, holds or was sent for
  liên thông; managers (read-only) everything received or resolved in their agency's subtree.
- A denied dossier looks the same as a missing one (``get_dossier_for`` raises DoesNotExist).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from django.db import router
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Level, Role
from motcua.audit import services as audit
from motcua.compiled_queries import CompiledQuery

from .constants import Action, Status
from .errors import NotPermitted
from .models import Dossier, Transfer

R = Role

# Which roles may take each officer action, and against which agency of the dossier the
# membership is checked: "desk" = the receiving unit, "holder" = the agency holding it now,
# "resolver" = the competent agency.
OFFICER_RULES: dict[str, tuple[frozenset[str], str]] = {
    Action.RECEIVE: (frozenset({R.DESK_OFFICER}), "desk"),
    Action.ACCEPT: (frozenset({R.DESK_OFFICER}), "desk"),
    Action.REQUEST_INTAKE_SUPPLEMENT: (frozenset({R.DESK_OFFICER}), "desk"),
    Action.REFUSE_INTAKE: (frozenset({R.DESK_OFFICER}), "desk"),
    Action.ASSIGN: (frozenset({R.DESK_OFFICER, R.UNIT_LEADER, R.AGENCY_LEADER}), "holder"),
    Action.COMPLETE_STEP: (
        frozenset({R.SPECIALIST, R.UNIT_LEADER, R.AGENCY_LEADER, R.REGISTRY_CLERK, R.DESK_OFFICER}),
        "holder",
    ),
    Action.RETURN_STEP: (frozenset({R.SPECIALIST, R.UNIT_LEADER, R.AGENCY_LEADER}), "holder"),
    Action.TRANSFER: (frozenset({R.SPECIALIST, R.UNIT_LEADER, R.AGENCY_LEADER}), "holder"),
    Action.RETURN_TRANSFER: (frozenset({R.SPECIALIST, R.UNIT_LEADER, R.AGENCY_LEADER}), "holder"),
    Action.REQUEST_SUPPLEMENT: (
        frozenset({R.SPECIALIST, R.UNIT_LEADER, R.AGENCY_LEADER}),
        "holder",
    ),
    Action.COMPLETE_SUPPLEMENT: (frozenset({R.DESK_OFFICER}), "desk"),
    Action.REQUEST_PAYMENT: (frozenset({R.SPECIALIST, R.UNIT_LEADER, R.AGENCY_LEADER}), "holder"),
    Action.CONFIRM_PAYMENT: (frozenset({R.DESK_OFFICER}), "desk"),
    Action.RECORD_PAYMENT: (frozenset({R.DESK_OFFICER}), "desk"),
    Action.CORRECT_ANSWERS: (frozenset({R.DESK_OFFICER}), "desk"),
    Action.REAPPOINT: (frozenset({R.AGENCY_LEADER, R.DESK_OFFICER}), "resolver"),
    Action.APPROVE: (frozenset({R.UNIT_LEADER, R.AGENCY_LEADER}), "holder"),
    Action.RECORD_RESULT: (frozenset({R.REGISTRY_CLERK, R.AGENCY_LEADER}), "resolver"),
    Action.RETURN_RESULT: (frozenset({R.DESK_OFFICER}), "desk"),
    Action.STOP: (frozenset({R.AGENCY_LEADER}), "resolver"),
    Action.WITHDRAW: (frozenset({R.DESK_OFFICER}), "desk"),
}
# What applicants may do themselves, on their own dossiers.
APPLICANT_ACTIONS = frozenset(
    {Action.SAVE_DRAFT, Action.SUBMIT, Action.RESUBMIT, Action.WITHDRAW, Action.COMPLETE_SUPPLEMENT}
)
SEES_RECEIVED_ONLY = frozenset({R.DESK_OFFICER})


@dataclass(frozen=True)
class Capacity:
    """In what capacity someone acts: recorded on the history row."""

    unit: object | None
    role: str


def home_agency(unit):
    """The agency a membership works for: a desk unit stands for itself; an internal unit
    (phòng, ban) for the nearest agency above it."""
    if unit.runs_one_stop_desk or unit.level != Level.UNIT:
        return unit
    for ancestor in reversed(agencies.ancestors(unit)):
        if ancestor.level != Level.UNIT:
            return ancestor
    return unit


def acts_for(member_unit, agency) -> bool:
    """Whether a member of ``member_unit`` acts for ``agency``: both stand for the same agency.
    Seeing reaches down the tree (a manager reads the subtree), acting does not: the province
    does not act where the rules give the commune the act, nor the commune for the department."""
    return home_agency(member_unit).pk == home_agency(agency).pk


def _within(field: str, path: str) -> Q:
    return Q(**{f"{field}__path__startswith": path})


def visible_to(user, queryset: QuerySet[Dossier] | None = None) -> QuerySet[Dossier]:
    """Every dossier ``user`` may see; the only way lists and details are filtered."""
    return within_scope(*scope_of(user), queryset)


# The scope of someone who sees no dossier.
NOTHING = ("nothing",)


def scope_of(user) -> tuple[tuple[str, ...], tuple]:
    """What ``visible_to`` filters ``user``'s dossiers on, as data: a shape and its values.
    An applicant's is ``("applicant",)`` and their key; an officer's one ``"desk"`` (sees only
    what was received at the desk) or ``"handled"`` per active membership, and the path of each
    membership's home agency; anyone else's ``NOTHING``. A hot read compiled once per shape
    (``CompiledQuery``) filters through ``within_scope`` with these values."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING, ()
    if user.is_applicant:
        return ("applicant",), (user.pk,)
    if not user.is_officer:
        return NOTHING, ()
    kinds, paths = [], []
    for membership in agencies.active_memberships(user):
        kinds.append("desk" if membership.role in SEES_RECEIVED_ONLY else "handled")
        paths.append(home_agency(membership.unit).path)
    return tuple(kinds), tuple(paths)


def within_scope(
    shape: tuple[str, ...], values: tuple, queryset: QuerySet[Dossier] | None = None
) -> QuerySet[Dossier]:
    """The dossiers of ``queryset`` within a scope from ``scope_of``."""
    qs = Dossier.objects.all() if queryset is None else queryset
    if shape == NOTHING:
        return qs.none()
    if shape == ("applicant",):
        return qs.filter(applicant=values[0])
    condition = Q(pk__in=[])
    for kind, path in zip(shape, values, strict=True):
        condition |= _within("receiving_unit", path) if kind == "desk" else _handled_within(path)
    return qs.filter(condition)


def _handled_within(path: str) -> Q:
    """Dossiers received, resolved or held in the subtree at ``path``, or sent there for
    liên thông."""
    return (
        _within("receiving_unit", path)
        | _within("resolving_agency", path)
        | _within("holder", path)
        | Exists(Transfer.objects.filter(dossier=OuterRef("pk"), to_agency__path__startswith=path))
    )


def visible_in(agency_list, queryset: QuerySet[Dossier] | None = None) -> QuerySet[Dossier]:
    """Every dossier handled in ``agency_list`` or their sub-units, as a manager of those
    agencies sees them: what a connected system (an API client bound to agencies) may read.
    No agency, no dossier."""
    qs = Dossier.objects.all() if queryset is None else queryset
    condition = Q(pk__in=[])
    for agency in agency_list:
        condition |= _handled_within(agency.path)
    return qs.filter(condition)


def get_dossier_for(user, code: str, queryset: QuerySet[Dossier] | None = None) -> Dossier:
    """The dossier with ``code`` if ``user`` may see it; Dossier.DoesNotExist otherwise. The
    one place a dossier is refused: a signed-in user refused one that exists is audited."""
    try:
        return visible_to(user, queryset).get(code=code)
    except Dossier.DoesNotExist:
        note_refusal(user, code)
        raise


def note_refusal(user, code: str) -> None:
    """Audit ``user`` asking for someone else's dossier (one query, on refusals only); a code
    that exists nowhere, or a dossier the caller's narrower ``queryset`` left out, is not one.
    For the selectors that build their own ``visible_to(user)`` query (the officer's page)."""
    if not getattr(user, "is_authenticated", False):
        return
    refused = (
        Dossier.objects.filter(code=code)
        .exclude(pk__in=visible_to(user).values("pk"))
        .values_list("pk", flat=True)
        .first()
    )
    if refused is not None:
        audit.note_denied(user, "dossiers.dossier", str(refused), dossier_code=code)


# What a public look-up reads (the page, the API's tracking resource, the postal journey of a
# dossier sent by post); anything else would cost a query of its own.
TRACKING_FIELDS = (
    "id",
    "code",
    "status",
    "due_at",
    "delivery",
    "applicant_phone",
    "applicant_id_number",
    "procedure_version",
)


def _tracking_query(code: str, draft: str):
    # In the model's order of fields, which ``from_db`` expects of a partial row; then the
    # procedure version's name. No ORDER BY: the code's unique index finds the one row.
    return (
        Dossier.objects.filter(code=code)
        .exclude(status=draft)
        .values_list(*_TRACKING_ATTNAMES, "procedure_version__name")[:1]
    )


_TRACKING_ATTNAMES = tuple(
    field.attname for field in Dossier._meta.concrete_fields if field.name in TRACKING_FIELDS
)
# Compiled once per process (``CompiledQuery``): through the ORM on every request, compiling
# cost four times the read itself (#18).
_tracking_lookup = CompiledQuery(Dossier, _tracking_query)


def find_for_tracking(code: str, last4: str) -> Dossier | None:
    """The anonymous tier of public look-up (TT 01/2018 Art. 16 d): the dossier with ``code``
    whose applicant's phone or identity number ends in ``last4``, else None. Drafts have no code;
    callers show only the completion state and rate-limit failed attempts. The dossier carries
    only ``TRACKING_FIELDS`` and its procedure version's name (others are read on access)."""
    found = _tracking_lookup.rows((code or "").strip().upper(), Status.DRAFT.value)
    if not found or len(last4 or "") != 4:
        return None
    *values, version_name = found[0]
    database = router.db_for_read(Dossier)
    dossier = Dossier.from_db(database, _TRACKING_ATTNAMES, values)
    version = Dossier._meta.get_field("procedure_version")
    version.set_cached_value(
        dossier,
        version.related_model.from_db(
            database,
            [version.target_field.attname, "name"],
            [dossier.procedure_version_id, version_name],
        ),
    )
    factors = [value[-4:] for value in (dossier.applicant_phone, dossier.applicant_id_number)]
    return dossier if any(len(f) == 4 and hmac.compare_digest(f, last4) for f in factors) else None


def _anchor(dossier: Dossier, where: str):
    return {
        "desk": dossier.receiving_unit,
        "holder": dossier.holder,
        "resolver": dossier.resolving_agency,
    }[where]


def capacity_for(user, dossier: Dossier, action: str) -> Capacity:
    """The unit and role in which ``user`` may take ``action`` on ``dossier``; NotPermitted
    otherwise. The system itself (``user`` None) may confirm payments from a gateway."""
    if user is None:
        if action in (Action.CONFIRM_PAYMENT, Action.RECORD_PAYMENT):
            return Capacity(unit=None, role="")
        raise NotPermitted(_("Thao tác này cần một người thực hiện."), code="no_actor")
    if user.is_applicant:
        if action in APPLICANT_ACTIONS and dossier.applicant_id == user.pk:
            return Capacity(unit=None, role="")
        raise NotPermitted(_("Bạn không có quyền thực hiện thao tác này."), code="not_permitted")
    if not user.is_officer or action not in OFFICER_RULES:
        raise NotPermitted(_("Bạn không có quyền thực hiện thao tác này."), code="not_permitted")
    roles, where = OFFICER_RULES[action]
    anchor = _anchor(dossier, where)
    for membership in agencies.active_memberships(user):
        if membership.role in roles and acts_for(membership.unit, anchor):
            return Capacity(unit=membership.unit, role=membership.role)
    raise NotPermitted(
        _("Bạn không có vai trò phù hợp tại %(agency)s để thực hiện thao tác này.")
        % {"agency": anchor.display_name},
        code="not_permitted",
    )


def desk_capacity(user, unit) -> Capacity:
    """For a dossier not created yet (walk-in): the officer must be a desk officer of ``unit``."""
    if user is not None and user.is_officer:
        for membership in agencies.active_memberships(user):
            if membership.role == R.DESK_OFFICER and acts_for(membership.unit, unit):
                return Capacity(unit=membership.unit, role=membership.role)
    raise NotPermitted(
        _("Chỉ cán bộ Bộ phận Một cửa của %(unit)s được tiếp nhận hồ sơ tại đây.")
        % {"unit": unit.display_name},
        code="not_permitted",
    )
