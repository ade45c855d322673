"""Assisted online filing at the counter (nộp trực tuyến có hỗ trợ): the desk officer files an
online dossier with the applicant, under the applicant's own account, once the applicant has
agreed (``dossiers.services.assisted``). The filing itself is the portal's online submission
(``services.submit_online``) with the officer named as ``assisted_by``: the dossier is an online
one in every report. Open on any day; on a paperless day the intake page sends officers here."""

from __future__ import annotations

from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from motcua.accounts.models import User, UserKind
from motcua.agencies.models import Agency
from motcua.catalog import paperless
from motcua.catalog import selectors as catalog
from motcua.catalog.constants import OnlineLevel
from motcua.documents.bodylimit import accepts_uploads
from motcua.dossiers import services
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import AssistedConsent, ConsentMethod

from . import officers, representative, uploads
from .access import officer_required
from .assisted_forms import AssistedFilingForm, CodeForm, StartForm
from .intake import _components, _desks_or_403, routable

RESULTS = 20


def _account(id_number: str):
    """The active applicant account of a personal identification number or a tax code."""
    number = id_number.strip()
    return (
        User.objects.filter(is_active=True, kind__in=[UserKind.CITIZEN, UserKind.BUSINESS])
        .filter(Q(citizen_profile__personal_id=number) | Q(business_profile__tax_code=number))
        .select_related("citizen_profile")
        .first()
    )


def _version(value):
    """An online procedure version in force (the one the officer came from), or None."""
    if not str(value or "").isdigit():
        return None
    return (
        catalog.in_force()
        .exclude(online_level=OnlineLevel.NONE)
        .select_related("procedure")
        .filter(pk=int(value))
        .first()
    )


def _consent(request, consent_id: int) -> AssistedConsent:
    """The officer's own consent request at one of their desks; anybody else's is "not found"."""
    desks = _desks_or_403(request.user)
    consent = (
        AssistedConsent.objects.select_related("applicant", "unit")
        .filter(pk=consent_id, officer=request.user, unit__in=desks)
        .first()
    )
    if consent is None:
        raise Http404
    return consent


def _confirm_url(consent: AssistedConsent) -> str:
    """The public address of the applicant's confirmation page (they open it on their phone)."""
    return settings.SITE_URL.rstrip("/") + reverse("portal:assisted_confirm", args=[consent.token])


def _paperless_today(desks) -> list:
    today = timezone.localdate()
    return [rule for desk in desks for rule in paperless.rules_on(desk, today)]


@officer_required
def start(request):
    """Whom to assist, and how they agree: signing in themselves, or a code to their phone."""
    desks = _desks_or_403(request.user)
    version = _version(request.POST.get("version") or request.GET.get("version"))
    desk_qs = Agency.objects.filter(pk__in=[d.pk for d in desks])
    initial = {"unit": desks[0], "version": version.pk if version else None}
    form = StartForm(request.POST or None, desks=desk_qs, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consent = services.start_consent(
                officer=request.user,
                unit=data["unit"],
                applicant=_account(data["id_number"]),
                method=data["method"],
            )
        except DossierError as error:
            form.add_error(None, error.messages)
        else:
            url = reverse("backoffice:assisted_consent", args=[consent.pk])
            return redirect(f"{url}?version={version.pk}" if version else url)
    context = {"form": form, "version": version, "rules": _paperless_today(desks)}
    return render(request, "backoffice/assisted_start.html", context, status=_status(form))


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@officer_required
@never_cache
def consent(request, consent_id: int):
    """Waiting for the applicant's consent (the code typed, or their confirmation after
    signing in); once given, the procedure to file."""
    consent = _consent(request, consent_id)
    version = _version(request.GET.get("version"))
    form = None
    if consent.method == ConsentMethod.CODE and consent.granted_at is None:
        form = CodeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                given = services.verify_code(
                    consent, officer=request.user, entered=form.cleaned_data["code"]
                )
            except DossierError as error:
                form.add_error(None, error.messages)
            else:
                if given:
                    messages.success(request, _("Người nộp đã đồng ý; hãy chọn thủ tục để nộp."))
                    return redirect(request.get_full_path())
                consent.refresh_from_db()
                left = services.assisted.MAX_ATTEMPTS - consent.attempts
                form.add_error("code", _("Mã không đúng. Còn %(n)s lần thử.") % {"n": max(left, 0)})
    query = request.GET.get("q", "").strip()[:200]
    results = []
    if consent.is_live() and query:
        results = list(catalog.search(query).exclude(online_level=OnlineLevel.NONE)[:RESULTS])
    context = {
        "consent": consent,
        "live": consent.is_live(),
        "expired": consent.expires_at <= timezone.now(),
        "form": form,
        "version": version,
        "query": query,
        "results": results,
        "confirm_url": _confirm_url(consent),
    }
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "backoffice/assisted_consent.html", context, status=status)


@officer_required
def consent_qr(request, consent_id: int):
    """The QR code of the confirmation page, which the applicant opens on their phone."""
    consent = _consent(request, consent_id)
    image = qrcode.make(
        _confirm_url(consent), image_factory=qrcode.image.svg.SvgPathImage, border=2
    )
    out = BytesIO()
    image.save(out)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@accepts_uploads
@officer_required
def file(request, consent_id: int, version_id: int):
    """The online application filed with the applicant, under their account."""
    consent = _consent(request, consent_id)
    if not consent.is_live():
        messages.error(request, _("Chưa có hoặc đã hết hạn xác nhận đồng ý của người nộp."))
        return redirect("backoffice:assisted_consent", consent_id=consent.pk)
    version = _version(version_id)
    if version is None:
        raise Http404
    applicant = consent.applicant
    competent = catalog.executing_agencies(
        version, within=officers.province_of(consent.unit)
    ).order_by("path")
    competent, routing = routable(competent, [consent.unit], version)
    profile = getattr(applicant, "citizen_profile", None)
    kwargs = {
        "version": version,
        "agencies": competent,
        "applicant_birth_date": profile.date_of_birth if profile else None,
    }
    kept: dict[int, list] = {}
    scans: list = []
    if request.method == "POST":
        form = AssistedFilingForm(request.POST, request.FILES, **kwargs)
        kept = {
            c.pk: uploads.kept(request.POST.getlist(f"c{c.pk}_kept"), user=request.user)
            for c in form.components
        }
        form.is_valid()
        for c in form.components:
            fresh = form.cleaned_data.get(f"c{c.pk}_files") or []
            kept[c.pk] = kept[c.pk] + uploads.store(fresh, user=request.user)
        scans = representative.scans(request, form)
        who = services.Applicant.from_account(applicant)
        representative.check(form, scans, who, complete=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                dossier = services.submit_online(
                    actor=applicant,
                    applicant=who,
                    assisted_by=request.user,
                    procedure_version=version,
                    receiving_unit=consent.unit,
                    resolving_agency=data["resolving_agency"],
                    components=_components(_FilesOnly(form), kept),
                    delivery=data["delivery"],
                    delivery_address=data["delivery_address"],
                    summary=data["summary"],
                    form_data={"fields": form.typed_answers()},
                    idempotency_key=data["idempotency_key"],
                )
            except DossierError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _(
                        "Đã nộp trực tuyến hồ sơ %(code)s bằng tài khoản của người nộp. Hãy kiểm "
                        "tra và tiếp nhận hồ sơ."
                    )
                    % {"code": dossier.code},
                )
                return redirect("backoffice:dossier", code=dossier.code)
    else:
        own = competent.filter(pk=consent.unit.pk).first() or competent.first()
        form = AssistedFilingForm(initial={"resolving_agency": own}, **kwargs)
    form.fields["resolving_agency"].help_text = routing
    context = {
        "form": form,
        "consent": consent,
        "version": version,
        "kept": kept,
        # Who files for an organisation (representative.RepresentativeFields).
        "organisation": applicant.kind == UserKind.BUSINESS,
        "authorisation_kept": scans,
    }
    return render(request, "backoffice/assisted_file.html", context, status=_status(form))


class _FilesOnly:
    """The filing form as ``intake._components`` reads it: files only, no paper counts (an
    online dossier carries no paper), so every file is the applicant's upload."""

    def __init__(self, form):
        self.components = form.components
        self.cleaned_data = {
            key: value for key, value in form.cleaned_data.items() if key.endswith("_files")
        }
