"""Public procedure pages of the portal (no sign-in): search and browse, one procedure's page,
and its form downloads. Reads only, through motcua.catalog.selectors."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from motcua.catalog import selectors
from motcua.catalog.constants import OnlineLevel, ProcedureLevel
from motcua.catalog.files import read_form

PAGE_SIZE = 20


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tên hoặc mã thủ tục"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Ví dụ: đăng ký khai sinh")}
        ),
        help_text=_("Gõ có dấu hoặc không dấu, hoặc theo cách bạn thường gọi (ví dụ “làm sổ đỏ”)."),
    )
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    level = forms.ChoiceField(
        label=_("Cấp thực hiện"),
        required=False,
        choices=[("", _("Tất cả các cấp")), *ProcedureLevel.choices],
    )
    online = forms.ChoiceField(
        label=_("Dịch vụ công trực tuyến"),
        required=False,
        choices=[("", _("Tất cả")), *OnlineLevel.choices],
    )

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("Tất cả lĩnh vực"))] + [
            (f.code, f.name) for f in fields
        ]


def index(request):
    """Search by name or code (diacritics optional) and browse by field, level, online level."""
    fields = list(selectors.fields_in_force())
    form = SearchForm(request.GET or None, fields=fields)
    criteria = form.cleaned_data if form.is_valid() else {}
    results = selectors.search(
        criteria.get("q", ""),
        field=criteria.get("field", ""),
        level=criteria.get("level", ""),
        online_level=criteria.get("online", ""),
    )
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/procedures/index.html",
        {
            "form": form,
            "fields": fields,
            "page": page,
            "searched": any(criteria.values()),
            "query_string": query.urlencode(),
        },
    )


def detail(request, code: str):
    """Everything a citizen needs before applying: documents, time, fees, process."""
    version = selectors.version_page(code)
    if version is None:
        raise Http404(_("Không có thủ tục đang công khai với mã này."))
    return render(request, "portal/procedures/detail.html", {"version": version})


def download_form(request, code: str, form_id: int):
    """A form of the procedure in force, as an attachment with its own name and type."""
    form = selectors.downloadable_form(code, form_id)
    if form is None:
        raise Http404(_("Không có mẫu này."))
    try:
        content = read_form(form)
    except (ValidationError, OSError) as error:
        raise Http404(_("Tệp mẫu không còn nguyên vẹn.")) from error
    response = HttpResponse(content, content_type=form.content_type)
    response["Content-Disposition"] = content_disposition_header(True, form.filename)
    response["Content-Length"] = str(len(content))
    response["X-Content-Type-Options"] = "nosniff"
    return response
