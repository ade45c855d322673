"""Reads of the catalogue. Other apps use these (and the models as foreign keys) only.

For a dossier received on day D under procedure code C:

    version = published_version_on(C, D)                 # the version to point the dossier at
    term = channel_term(version, Channel.ONLINE)          # processing time, same-day flag
    fees = term.fee_lines.all()                           # what to collect, and when
    process = internal_process(version, agency=unit, channel=Channel.ONLINE)
    steps = process.steps.all()                           # ordered, with stage, role, quota
"""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Length
from django.utils import timezone

from motcua.agencies.models import Agency

from .constants import AgencyRole, Requirement, VersionStatus
from .models import (
    ChannelTerm,
    Component,
    Field,
    FormTemplate,
    InternalProcess,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    VersionAgency,
)
from .search import canonical, canonical_tokens


def _today() -> datetime.date:
    return timezone.localdate()


def in_force(on: datetime.date | None = None) -> QuerySet[ProcedureVersion]:
    """Published versions valid on ``on`` (today by default): one per procedure at most."""
    day = on or _today()
    return ProcedureVersion.objects.filter(
        Q(status=VersionStatus.PUBLISHED, valid_from__lte=day)
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    )


def published_version_on(
    procedure: Procedure | str, on: datetime.date | None = None
) -> ProcedureVersion | None:
    """The published version of ``procedure`` (object or code) in force on ``on``; None if the
    procedure is unknown or not offered that day."""
    qs = in_force(on).select_related("procedure", "field")
    if isinstance(procedure, Procedure):
        return qs.filter(procedure=procedure).first()
    return qs.filter(procedure__code=procedure.strip()).first()


# The channel terms with their fee lines, the components and the executing agencies' rows of
# published versions, read once per process: a published version is immutable (its parts are
# refused every write, catalog.services and the admin), so what was read stays true. The key
# carries the version's creation time, so a row id reused after a deletion never finds another
# version's parts. Callers read these objects and never change them.
_published_terms: dict[tuple, ChannelTerm | None] = {}
_published_parts: dict[tuple, tuple] = {}


def channel_term(
    version: ProcedureVersion, channel: str, *, fees: bool = True
) -> ChannelTerm | None:
    """Processing time (amount, unit, same_day) and fee lines of ``version`` on ``channel``;
    without its fee lines (one query less) when ``fees`` is False. A published version's is
    read once per process (shared: callers read it and never change it)."""
    qs = ChannelTerm.objects.filter(version=version, channel=channel)
    if version.status != VersionStatus.PUBLISHED:
        return (qs.prefetch_related("fee_lines") if fees else qs).first()
    key = (version.pk, version.created_at, channel)
    if key not in _published_terms:
        _published_terms[key] = qs.prefetch_related("fee_lines").first()
    return _published_terms[key]


def forget_published_parts() -> None:
    """For tests, whose rolled-back catalogues may give the next test's versions the same ids."""
    _published_terms.clear()
    _published_parts.clear()


def prefetch_components(version: ProcedureVersion) -> None:
    """``version.components.all()`` read once for the request; a published version's once per
    process (``_published_terms`` above), handed to the version as Django's prefetch would."""
    if "components" in getattr(version, "_prefetched_objects_cache", {}):
        return
    published = version.status == VersionStatus.PUBLISHED
    key = (version.pk, version.created_at, "components")
    if published and key in _published_parts:
        found = version.components.all()  # no query until evaluated: filled as prefetch does
        found._result_cache, found._prefetch_done = list(_published_parts[key]), True
        version.__dict__.setdefault("_prefetched_objects_cache", {})["components"] = found
        return
    prefetch_related_objects([version], "components")
    if published:
        _published_parts[key] = list(version.components.all())


def components_demanded(version: ProcedureVersion, *, vneid_verified: bool) -> list[Component]:
    """The mandatory components an applicant must give: an applicant filing with a
    VNeID-verified account need not give those the agency reads from the national population
    database (``Component.vneid_exempt``; ND 45/2020: data held is not asked again)."""
    prefetch_components(version)
    return [
        c
        for c in version.components.all()
        if c.requirement == Requirement.MANDATORY and not (vneid_verified and c.vneid_exempt)
    ]


def components_waived(version: ProcedureVersion, *, vneid_verified: bool) -> list[Component]:
    """The components a VNeID-verified applicant need not give (none for anyone else)."""
    if not vneid_verified:
        return []
    prefetch_components(version)
    return [c for c in version.components.all() if c.vneid_exempt]


def internal_process(
    version: ProcedureVersion, *, agency: Agency | None = None, channel: str = ""
) -> InternalProcess | None:
    """The most specific internal process for ``agency`` and ``channel``: one made for both,
    then for the agency, then for the channel, then the general one. Steps come prefetched in
    order."""
    for_agency = Q(agency__isnull=True)
    if agency is not None:
        for_agency |= Q(agency=agency)
    candidates = list(
        InternalProcess.objects.filter(version=version)
        .filter(for_agency)
        .filter(Q(channel="") | Q(channel=channel))
        .prefetch_related(Prefetch("steps", queryset=ProcessStep.objects.order_by("order")))
    )
    candidates.sort(key=lambda p: (p.agency_id is None, p.channel == ""))
    return candidates[0] if candidates else None


def executing_agencies(
    version: ProcedureVersion, *, on: datetime.date | None = None, within: Agency | None = None
) -> QuerySet[Agency]:
    """Agencies that carry out ``version``: the named ones, plus every active agency of each
    named level (e.g. every commune for a commune-level procedure), optionally inside the
    subtree of ``within`` (a province)."""
    named, levels = _executing_rows(version)
    qs = Agency.objects.active_on(on or _today()).filter(Q(pk__in=named) | Q(level__in=levels))
    if within is not None:
        qs = qs.filter(path__startswith=within.path)
    return qs


def executes(version: ProcedureVersion, agency: Agency, on: datetime.date) -> bool:
    """Whether ``agency`` carries out ``version`` on ``on`` — the test of
    ``executing_agencies`` applied to the agency's row as the caller read it (its own request),
    with the version's executing rows read once per process when published: no query."""
    named, levels = _executing_rows(version)
    return agency.is_active_on(on) and (agency.pk in named or agency.level in levels)


def _executing_rows(version: ProcedureVersion) -> tuple[list[int], list[str]]:
    """The agencies named as executing ``version``, and the levels named without an agency;
    a published version's read once per process (``_published_terms`` above)."""
    key = (version.pk, version.created_at, "executing")
    if version.status == VersionStatus.PUBLISHED and key in _published_parts:
        return _published_parts[key]
    rows = version.agencies.filter(role=AgencyRole.EXECUTING)
    named = [row.agency_id for row in rows if row.agency_id]
    levels = [row.level for row in rows if row.level and not row.agency_id]
    if version.status == VersionStatus.PUBLISHED:
        _published_parts[key] = (named, levels)
    return named, levels


def fields_in_force(on: datetime.date | None = None) -> QuerySet[Field]:
    """Fields that have at least one procedure in force, for browsing."""
    return Field.objects.filter(pk__in=in_force(on).values("field_id")).order_by("name")


def search(
    query: str = "",
    *,
    on: datetime.date | None = None,
    field: str = "",
    level: str = "",
    online_level: str = "",
) -> QuerySet[ProcedureVersion]:
    """Versions in force matching every word of ``query`` at word starts, filtered by field
    code, level and online level. Words are folded as the stored columns are: without
    diacritics (đ = d), alternative spellings as one (kí = ký), and the citizens' words of the
    synonyms count as the version's own. Ranked: exact code, then the whole phrase in the name,
    then every word in the name, then the phrase anywhere, then the rest; shorter names first
    within a rank."""
    qs = in_force(on).select_related("procedure", "field")
    if field:
        qs = qs.filter(field__code=field)
    if level:
        qs = qs.filter(level=level)
    if online_level:
        qs = qs.filter(online_level=online_level)
    words = canonical_tokens(query)
    if not words:
        return qs.order_by("field__name", "name")
    for word in words:
        qs = qs.filter(search_text__contains=f" {word}")
    phrase = f" {canonical(query)} "
    name_has_all = Q()
    for word in words:
        name_has_all &= Q(search_name__contains=f" {word}")
    rank = Case(
        When(procedure__code=query.strip(), then=Value(0)),
        When(search_name__contains=phrase, then=Value(1)),
        When(name_has_all, then=Value(2)),
        When(search_text__contains=phrase, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )
    return qs.annotate(rank=rank, name_length=Length("name")).order_by(
        "rank", "name_length", "name"
    )


def version_page(code: str, on: datetime.date | None = None) -> ProcedureVersion | None:
    """The version in force with everything the public procedure page shows, in a fixed
    number of queries."""
    return (
        in_force(on)
        .filter(procedure__code=code.strip())
        .select_related("procedure", "field", "result_template")
        .prefetch_related(
            "agencies",
            Prefetch("channels", queryset=ChannelTerm.objects.prefetch_related("fee_lines")),
            "components__form",
            "legal_basis",
            Prefetch(
                "processes",
                queryset=InternalProcess.objects.prefetch_related(
                    Prefetch("steps", queryset=ProcessStep.objects.order_by("order"))
                ),
            ),
            "linked__procedure",
        )
        .first()
    )


def api_version_detail(code: str, on: datetime.date | None = None) -> ProcedureVersion | None:
    """The version of ``code`` in force on ``on`` with what the REST API's procedure detail
    shows (channels with fee lines, components with forms, agencies, legal basis), in a fixed
    number of queries."""
    return (
        in_force(on)
        .filter(procedure__code=code.strip())
        .select_related("procedure", "field", "result_template")
        .prefetch_related(
            Prefetch("agencies", queryset=VersionAgency.objects.select_related("agency")),
            Prefetch("channels", queryset=ChannelTerm.objects.prefetch_related("fee_lines")),
            "components__form",
            "legal_basis",
        )
        .first()
    )


def downloadable_form(
    code: str, form_id: int, on: datetime.date | None = None
) -> FormTemplate | None:
    """A form offered by the version of ``code`` in force: one of its components' forms or its
    result template. Anything else is treated as missing."""
    version = in_force(on).filter(procedure__code=code.strip())
    return (
        FormTemplate.objects.filter(pk=form_id)
        .filter(Q(components__version__in=version) | Q(result_of_versions__in=version))
        .distinct()
        .first()
    )


def latest_version_content(code: str) -> tuple[ProcedureVersion, dict] | None:
    """The procedure's highest-numbered version (draft, published or withdrawn) and its content
    in the catalogue file's JSON form (docs/catalog.md), or None when the code is unknown; the
    national catalogue pull compares with it."""
    from .interchange.exporter import jsonable, version_spec, versions_for_export

    version = versions_for_export(Procedure.objects.filter(code=code)).order_by("-number").first()
    if version is None:
        return None
    return version, jsonable(version_spec(version))
