"""Work queues (danh sách hồ sơ cần xử lý): per unit and per person, filtered, searched, keyset
paginated, with bulk assignment."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.audit import services as audit
from motcua.dossiers import services
from motcua.dossiers.access import get_dossier_for
from motcua.dossiers.constants import Status
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier

from . import forms as action_forms
from . import officers, queue_rows, selectors
from .access import officer_required
from .widgets import QuickSelect


class QueueForm(forms.Form):
    scope = forms.ChoiceField(
        label=gettext_lazy("Phạm vi"),
        choices=[
            ("unit", gettext_lazy("Hồ sơ của đơn vị")),
            ("mine", gettext_lazy("Hồ sơ của tôi")),
        ],
        required=False,
        widget=QuickSelect,
    )
    q = forms.CharField(
        label=gettext_lazy("Tìm theo mã hồ sơ, tên, số định danh hoặc số điện thoại"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    procedure = forms.CharField(label=gettext_lazy("Mã thủ tục"), required=False, max_length=50)
    status = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"),
        choices=[("", gettext_lazy("Đang xử lý (tất cả)"))]
        + [(s.value, s.label) for s in Status if s != Status.DRAFT],
        required=False,
        widget=QuickSelect,
    )
    due = forms.ChoiceField(
        label=gettext_lazy("Hạn xử lý"),
        choices=selectors.DueFilter.CHOICES,
        required=False,
        widget=QuickSelect,
    )


class BulkAssignForm(forms.Form):
    assignee = action_forms.OfficerChoiceField(label=gettext_lazy("Giao cho cán bộ"), queryset=None)
    dossiers = forms.MultipleChoiceField(required=True)
    request_key = forms.CharField(max_length=60, widget=forms.HiddenInput)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        # Shown from the cache (officer_lists); a choice is validated against the database.
        field.agencies = list(agencies)
        field.queryset = officers.colleagues(field.agencies) if self.is_bound else None
        # "<code>@<version>" values; whether each code is visible is checked per dossier.
        self.fields["dossiers"].choices = [
            (value, value) for value in (self.data.getlist("dossiers") if self.is_bound else [])
        ]


@officer_required
def queue(request):
    form = QueueForm(request.GET or None)
    filters = selectors.QueueFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.QueueFilters(**{k: v for k, v in form.cleaned_data.items() if v})
    reader = selectors.Reader(request.user)
    # Early warning: one horizon per page, compared with each row's stored due time.
    horizon = selectors.due_horizon(reader.units)
    listed = selectors.queue(request.user, filters, horizon=horizon, reader=reader)
    rows, next_cursor = queue_rows.read(
        selectors.with_soon_count(listed, request.user, filters, horizon, reader=reader),
        request.GET.get("after", ""),
    )
    next_query = request.GET.copy()
    next_query["after"] = next_cursor
    soon_query = _without_cursor(request.GET, due=selectors.DueFilter.SOON)
    soon, more_soon = selectors.soon_of(rows, request.user, filters, horizon, reader=reader)
    audit.note_list_read(
        request.user,
        "view_queue",
        [d.code for d in rows],
        search=filters.q,
        scope=filters.scope,
        procedure=filters.procedure,
        status=filters.status,
        due=filters.due,
        after=request.GET.get("after", ""),
    )
    shown = queue_rows.rows(rows, horizon)
    context = {
        "form": form,
        "filter_form": _filter_form(form),
        "rows": shown,
        "table_body": queue_rows.table_body(shown, can_assign=reader.may_assign),
        "horizon": horizon,
        "soon_count": soon,
        "soon_more": more_soon,
        "soon_url": f"?{soon_query}",
        "next_url": f"?{next_query.urlencode()}" if next_cursor else "",
        "first_url": "?" + _without_cursor(request.GET) if request.GET.get("after") else "",
        "bulk": BulkAssignForm(
            agencies=reader.units, initial={"request_key": action_forms.new_key()}
        ),
        "can_assign": reader.may_assign,
        "filters": filters,
    }
    return render(request, "backoffice/queue.html", context)


# The filter form's markup by (language, the values asked for): the form draws the same markup
# for the same values (its choices are fixed, none is read from the database), and most pages
# are asked with none or a few (first pages, "Trang sau", the due filters). Bounded: a searched
# name is a new entry, and the whole memo is dropped past this many.
FILTER_MARKUP_ENTRIES = 256
_filter_markup: dict[tuple, str] = {}


def _filter_form(form: QueueForm) -> str:
    """``includes/form.html`` of ``form``, drawn once per language and values in a process."""
    values = (
        tuple((name, tuple(form.data.getlist(name))) for name in form.fields)
        if form.is_bound
        else None
    )
    key = (get_language(), values)
    markup = _filter_markup.get(key)
    if markup is None:
        markup = render_to_string("includes/form.html", {"form": form})
        if len(_filter_markup) >= FILTER_MARKUP_ENTRIES:
            _filter_markup.clear()
        _filter_markup[key] = markup
    return markup


def _without_cursor(query, **changes) -> str:
    copy = query.copy()
    copy.pop("after", None)
    for key, value in changes.items():
        copy[key] = value
    return copy.urlencode()


@officer_required
@require_POST
def bulk_assign(request):
    """Hand several dossiers to one officer: one service call per dossier, each refusal
    reported with its dossier code."""
    form = BulkAssignForm(request.POST, agencies=selectors.home_agencies_of(request.user))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if not form.is_valid():
        messages.error(request, _("Hãy chọn hồ sơ và cán bộ được giao."))
        return redirect(back or "backoffice:queue")
    done = 0
    for value in form.cleaned_data["dossiers"]:
        code, _sep, version = value.rpartition("@")
        try:
            dossier = get_dossier_for(request.user, code)
            services.assign(
                dossier,
                actor=request.user,
                assignee=form.cleaned_data["assignee"],
                expected_version=int(version) if version.isdigit() else None,
                idempotency_key=f"{form.cleaned_data['request_key']}-{dossier.pk}",
            )
        except Dossier.DoesNotExist:
            messages.error(request, _("%(code)s: không tìm thấy hồ sơ.") % {"code": code})
        except DossierError as error:
            messages.error(request, f"{code}: {' '.join(error.messages)}")
        else:
            done += 1
    if done:
        messages.success(
            request,
            _("Đã giao %(count)d hồ sơ cho %(name)s.")
            % {"count": done, "name": form.cleaned_data["assignee"].get_full_name()},
        )
    return redirect(back or "backoffice:queue")
