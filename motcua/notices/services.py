"""Issuing official forms: render a form of a dossier (or the register of a unit) as a PDF,
sign it with the issuing agency's seal, and store it."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit
from motcua.documents import services as documents
from motcua.dossiers import naming
from motcua.dossiers.access import capacity_for, desk_capacity, visible_to
from motcua.dossiers.constants import Action
from motcua.dossiers.errors import NotPermitted
from motcua.dossiers.models import Dossier, RuleSet
from motcua.signatures import selectors as signature_records
from motcua.signatures import services as signatures
from motcua.signatures.models import IssuedDocument

from . import builders
from .builders import BLANK, NoticeUnavailable, spoken_date, tracking_url
from .constants import INTERNAL_FORMS, REGISTER, FormKey, Reissue
from .formsets import SIGN_HINT, FormTemplate, Table, template_for
from .render import BOLD, FIT_SCALES, ITALIC, Column, Heading, Writer

__all__ = [
    "NoticeUnavailable",
    "current_issue",
    "document_file_name",
    "issue_notice",
    "issue_register",
    "may_issue",
    "notice_pdf",
    "register_pdf",
    "render_notice",
    "render_register",
    "render_unit_form",
    "unit_heading",
]


def document_file_name(dossier: Dossier, form_key: str) -> str:
    """``<dossier code>-giay-tiep-nhan-ho-so-va-hen-tra-ket-qua.pdf``: what the form is."""
    return naming.file_name(dossier.code, str(FormKey(form_key).label))


def _place_date(agency, moment) -> str:
    place = agency.display_name
    return f"{place}, {spoken_date(moment)}" if moment else f"{place}, ngày … tháng … năm …"


def _draw(template: FormTemplate, context: dict, writer: Writer, heading: Heading) -> bytes:
    """Every copy (liên) of the form, each from a fresh page, alike but for its label."""
    for label in template.copies or ("",):
        writer.new_copy(label)
        _draw_copy(template, context, writer, heading, label)
    return writer.finish()


def _draw_copy(
    template: FormTemplate, context: dict, writer: Writer, heading: Heading, label: str
) -> None:
    layout = writer.layout
    writer.heading(heading)
    writer.centred(template.title)
    if template.form_number:
        writer.centred(
            f"({template.form_number} – {template.basis})", font=ITALIC, size=layout.small
        )
    else:
        writer.centred(f"({template.basis})", font=ITALIC, size=layout.small)
    if label:
        writer.centred(label, font=BOLD, size=layout.small)
    writer.y -= 2
    for item in template.body:
        if isinstance(item, Table):
            columns = [Column(title, width) for title, width in item.columns]
            writer.table(columns, context[item.name], size=item.font_size)
            continue
        text = item.format_map(_Defaults(context))
        if text.strip():
            writer.paragraph(text)
    if template.signers:
        writer.signatures(
            [(title, context.get(key, "")) for title, key in template.signers],
            hint=SIGN_HINT,
        )


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return BLANK


def _signing_agency(dossier: Dossier, template: FormTemplate):
    return (
        dossier.resolving_agency
        if template.signing_agency == "resolver"
        else dossier.receiving_unit
    )


@dataclass
class _Notice:
    """Everything a form of a dossier prints, before it is drawn."""

    dossier: Dossier
    template: FormTemplate
    context: dict
    agency: object  # the agency whose seal signs it
    heading: Heading

    def fingerprint(self) -> str:
        """SHA-256 of what the form says (wording, heading, filled-in data), leaving out the
        date it is printed on: equal fingerprints mean an issued copy still tells the truth."""
        content = {
            "form_set": self.dossier.rules.form_set,
            "template": repr(self.template),
            "heading": [self.heading.parent_body, self.heading.issuing_body, self.heading.number],
            "context": self.context,
        }
        encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode()).hexdigest()

    def _writer(self, qr_text: str, scale: float) -> Writer:
        return Writer(
            title=f"{self.template.title} – {self.dossier.code}",
            page=self.template.page,
            qr_text=qr_text,
            code=self.dossier.code or "",
            scale=scale,
        )

    def _fitting_scale(self, qr_text: str) -> float:
        """The largest type (render.FIT_SCALES) at which one copy takes one page; the copies
        differ only in their label, so the longest label is tried."""
        label = max(self.template.copies or ("",), key=len)
        for scale in FIT_SCALES:
            writer = self._writer(qr_text, scale)
            writer.new_copy(label)
            _draw_copy(self.template, self.context, writer, self.heading, label)
            if writer.pdf.getPageNumber() == 1:
                return scale
        return FIT_SCALES[-1]

    def draw(self, qr_text: str) -> bytes:
        scale = self._fitting_scale(qr_text) if self.template.copy_on_one_page else 1.0
        return _draw(self.template, self.context, self._writer(qr_text, scale), self.heading)


def _prepare(dossier: Dossier, form_key: str) -> _Notice:
    form_key = FormKey(form_key)
    template = template_for(dossier.rules.form_set, form_key)
    context, dated = builders.build(dossier, form_key)
    agency = _signing_agency(dossier, template)
    heading = Heading(
        parent_body=agency.parent.name if agency.parent_id else "",
        issuing_body=builders.issuer_name(agency),
        number=f"Số: {context['sequence']}/{template.number_suffix}"
        if template.number_suffix
        else "",
        place_date=_place_date(agency, dated),
    )
    return _Notice(dossier, template, context, agency, heading)


def render_notice(dossier: Dossier, form_key: str) -> bytes:
    """The unsigned PDF of ``form_key`` for ``dossier``, from the form set of its rule set: a
    draft, not issued, so its QR code opens the public tracking page. NoticeUnavailable if the
    dossier has nothing the form reports."""
    return _prepare(dossier, form_key).draw(tracking_url(dossier.code))


def _still_current(dossier: Dossier, notice: _Notice, fingerprint: str) -> IssuedDocument | None:
    last = signature_records.latest_issue(dossier, notice.template.key)
    if last is not None and (
        notice.template.reissue == Reissue.ONCE or last.fingerprint == fingerprint
    ):
        return last
    return None


def current_issue(dossier: Dossier, form_key: str) -> IssuedDocument | None:
    """The issued copy of ``form_key`` that ``issue_notice`` would hand back unchanged, or None
    if the form has not been issued or the dossier moved on since. Reads only: a GET shows what
    was issued, it never issues (issue #17 item 6). NoticeUnavailable as ``render_notice``."""
    notice = _prepare(dossier, FormKey(form_key))
    return _still_current(dossier, notice, notice.fingerprint())


# A form the resolving agency seals is issued by whoever may take the action it reports.
_RESOLVER_ACTIONS = {FormKey.APOLOGY: Action.REAPPOINT, FormKey.STOP: Action.STOP}


def may_issue(user, dossier: Dossier, form_key: str) -> bool:
    """Whether ``user`` may issue (phát hành) ``form_key`` of ``dossier``: a desk officer (cán
    bộ Bộ phận Một cửa) of its receiving unit, whose seal signs the desk's forms; for a form
    the resolving agency seals (apology, stop), an officer who may take the action it
    reports there."""
    form_key = FormKey(form_key)
    try:
        if template_for(dossier.rules.form_set, form_key).signing_agency == "resolver":
            capacity_for(user, dossier, _RESOLVER_ACTIONS[form_key])
        else:
            desk_capacity(user, dossier.receiving_unit)
    except NotPermitted:
        return False
    return True


@transaction.atomic
def issue_notice(dossier: Dossier, form_key: str, *, actor=None) -> IssuedDocument:
    """The form as issued: signed with the seal of the agency that issues it (TT 01/2018
    Art. 10 §1d: forms are digitally signed), stored, and recorded with a QR code that opens its
    own verification page.

    An issued copy is served again, byte for byte, while it still says what the dossier says
    (same fingerprint). Forms marked ``Reissue.ONCE`` (the receipt: the applicant's copy handed
    over at intake) are never issued again; the others (control slip, supplement request …) are
    issued afresh when their content changed, e.g. the control slip after another hand-over."""
    form_key = FormKey(form_key)
    # One issuer at a time per dossier, so two requests never sign two copies of one state.
    list(Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("pk"))
    notice = _prepare(dossier, form_key)
    fingerprint = notice.fingerprint()
    if (last := _still_current(dossier, notice, fingerprint)) is not None:
        return last
    template = notice.template
    issued = signatures.issue_document(
        notice.draw,
        dossier=dossier,
        kind=form_key,
        title=template.title,
        form_set=dossier.rules.form_set,
        agency=notice.agency,
        issuer_name=notice.heading.issuing_body,
        reason=f"{template.title} – {dossier.code}",
        fingerprint=fingerprint,
        file_name=document_file_name(dossier, form_key),
        personal=form_key not in INTERNAL_FORMS,
    )
    audit.record(
        actor=actor,
        verb="issue_notice",
        obj=dossier,
        form=str(form_key),
        file=issued.file_id,
        sha256=issued.sha256,
    )
    return issued


def notice_pdf(dossier: Dossier, form_key: str, *, signed: bool = True, actor=None) -> bytes:
    """The bytes of the form as issued (``issue_notice``), or, with ``signed=False``, an
    unsigned draft (``render_notice``)."""
    if not signed:
        return render_notice(dossier, form_key)
    return documents.read_bytes(issue_notice(dossier, form_key, actor=actor).file)


def register_dossiers(user, unit, start: datetime.date, end: datetime.date):
    """Dossiers received at ``unit`` from ``start`` to ``end`` (inclusive, Vietnam's days) that
    ``user`` may see, in order of receipt."""
    zone = timezone.get_default_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    until = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return (
        visible_to(user)
        .filter(receiving_unit=unit, received_at__gte=since, received_at__lt=until)
        .select_related("procedure_version", "resolving_agency")
        .prefetch_related("steps")
        .order_by("received_at", "id")
    )


@dataclass
class _Register:
    """A unit's register (Sổ theo dõi hồ sơ) for a period, before it is drawn."""

    unit: object
    start: datetime.date
    end: datetime.date
    form_set: str
    template: FormTemplate
    context: dict
    heading: Heading

    def fingerprint(self) -> str:
        """SHA-256 of what the register says, leaving out the date it is printed on."""
        content = {
            "form_set": self.form_set,
            "template": repr(self.template),
            "heading": [self.heading.parent_body, self.heading.issuing_body],
            "context": self.context,
        }
        encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode()).hexdigest()

    def draw(self, qr_text: str = "") -> bytes:
        writer = Writer(
            title=f"{self.template.title} – {self.unit.name}",
            page=self.template.page,
            qr_text=qr_text,
        )
        return _draw(self.template, self.context, writer, self.heading)


def _prepare_register(user, unit, start, end, form_set: str = "") -> _Register:
    if not form_set:
        try:
            form_set = RuleSet.objects.in_force_on(end).form_set
        except RuleSet.DoesNotExist:
            form_set = "2018"
    template = template_for(form_set, REGISTER)
    dossiers = register_dossiers(user, unit, start, end)
    rows = [builders.register_row(i, d) for i, d in enumerate(dossiers, start=1)]
    context = {
        "unit_name": unit.name,
        "period_start": f"{start:%d/%m/%Y}",
        "period_end": f"{end:%d/%m/%Y}",
        "rows": rows,
        "count": len(rows),
    }
    return _Register(unit, start, end, form_set, template, context, unit_heading(unit))


def unit_heading(unit) -> Heading:
    """The heading of a unit's own paper (a register), dated now."""
    return Heading(
        parent_body=unit.parent.name if unit.parent_id else "",
        issuing_body=builders.issuer_name(unit),
        place_date=_place_date(unit, timezone.now()),
    )


def render_unit_form(template: FormTemplate, context: dict, unit) -> bytes:
    """An unsigned paper of ``unit`` drawn from ``template`` (e.g. the boundary-free register)."""
    writer = Writer(title=f"{template.title} – {unit.name}", page=template.page)
    return _draw(template, context, writer, unit_heading(unit))


def render_register(user, unit, start: datetime.date, end: datetime.date, *, form_set="") -> bytes:
    """The dossier register (Sổ theo dõi hồ sơ) of ``unit`` for the period, as ``user`` sees it;
    the form set is that of the rule set in force on the last day unless given. An unsigned
    draft: no QR code, since no page knows it."""
    return _prepare_register(user, unit, start, end, form_set).draw()


@transaction.atomic
def issue_register(user, unit, start: datetime.date, end: datetime.date) -> IssuedDocument:
    """The register as issued: signed with ``unit``'s seal, stored, and recorded (for the unit
    and the period, not for a dossier) with a QR code that opens its own verification page.
    Served again byte for byte while it still says the same; issued afresh once a dossier of
    the period moved on (``Reissue.ON_CHANGE``), earlier copies staying verifiable."""
    # One issuer at a time per unit, so two requests never sign two copies of one state.
    list(type(unit).objects.select_for_update().filter(pk=unit.pk).values_list("pk"))
    register = _prepare_register(user, unit, start, end)
    fingerprint = register.fingerprint()
    last = signature_records.latest_period_issue(unit, REGISTER, start, end)
    if last is not None and last.fingerprint == fingerprint:
        return last
    title = register.template.title
    issued = signatures.issue_document(
        register.draw,
        kind=REGISTER,
        title=title,
        form_set=register.form_set,
        agency=unit,
        issuer_name=register.heading.issuing_body,
        reason=_("Sổ theo dõi hồ sơ %(start)s – %(end)s")
        % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
        fingerprint=fingerprint,
        period=(start, end),
        file_name=f"so-theo-doi-{unit.pk}-{start:%Y%m%d}-{end:%Y%m%d}.pdf",
    )
    audit.record(
        actor=user,
        verb="issue_register",
        obj=unit,
        start=str(start),
        end=str(end),
        file=issued.file_id,
        sha256=issued.sha256,
    )
    return issued


def register_pdf(user, unit, start, end) -> bytes:
    """The bytes of the register as issued (``issue_register``)."""
    return documents.read_bytes(issue_register(user, unit, start, end).file)
