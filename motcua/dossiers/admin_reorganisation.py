"""The administrator's reorganisation page (sắp xếp tổ chức): an action on one agency opens a
form; "Xem trước" lists what will move; "Xác nhận" carries it out in one transaction. Only
superusers (the province's system administrators) may open it."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.agencies.admin import AgencyAdmin
from motcua.agencies.constants import SUCCESSOR_LEVELS, Level
from motcua.agencies.models import Agency

from . import reorganisation

KINDS = [
    (reorganisation.Kind.MERGE, gettext_lazy("Sáp nhập vào một đơn vị")),
    (reorganisation.Kind.SPLIT, gettext_lazy("Chia tách thành nhiều đơn vị")),
    (reorganisation.Kind.DISSOLVE, gettext_lazy("Giải thể, chuyển công việc cho đơn vị kế thừa")),
]


class ReorganisationForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Hình thức"), choices=KINDS, widget=forms.RadioSelect
    )
    targets = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Đơn vị tiếp nhận"),
        queryset=Agency.objects.none(),
        help_text=gettext_lazy(
            "Sáp nhập, giải thể: chọn một đơn vị. Chia tách: chọn các đơn vị mới; đơn vị chọn "
            "đầu tiên (theo thứ tự trong danh sách) nhận các hồ sơ không xác định được nơi nhận."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    effective_date = forms.DateField(
        label=gettext_lazy("Ngày có hiệu lực"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Đơn vị cũ hoạt động đến hết ngày hôm trước."),
    )
    decision = forms.CharField(
        label=gettext_lazy("Số quyết định"),
        max_length=255,
        help_text=gettext_lazy("Ví dụ: 1656/NQ-UBTVQH15. Ghi vào lịch sử từng hồ sơ."),
    )
    move_staff = forms.BooleanField(
        label=gettext_lazy("Chuyển phân công cán bộ sang đơn vị tiếp nhận"),
        required=False,
        help_text=gettext_lazy("Không chọn: phân công tại đơn vị cũ kết thúc vào ngày hiệu lực."),
    )
    mapping = forms.CharField(
        label=gettext_lazy("Tệp phân bổ (chia tách)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "MÃ_HỒ_SƠ,MÃ_ĐƠN_VỊ"}),
        help_text=gettext_lazy(
            "Mỗi dòng: mã hồ sơ, mã đơn vị nhận. Hồ sơ không có trong danh sách đi theo địa chỉ "
            "người nộp, rồi về đơn vị đầu tiên."
        ),
    )

    def __init__(self, *args, source: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        levels = sorted(SUCCESSOR_LEVELS[Level(source.level)])
        self.fields["targets"].queryset = (
            Agency.objects.filter(valid_to__isnull=True, level__in=levels)
            .exclude(path__startswith=source.path)
            .order_by("path")
        )
        self.fields["effective_date"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        kind, targets = data.get("kind"), data.get("targets")
        if kind and targets is not None and kind != reorganisation.Kind.SPLIT and len(targets) != 1:
            self.add_error("targets", _("Sáp nhập hoặc giải thể: chọn đúng một đơn vị tiếp nhận."))
        if kind == reorganisation.Kind.SPLIT and targets is not None and len(targets) < 2:
            self.add_error("targets", _("Chia tách: chọn ít nhất hai đơn vị mới."))
        return data

    def request(self) -> reorganisation.Request:
        data = self.cleaned_data
        targets = list(data["targets"])
        rule = None
        if data["kind"] == reorganisation.Kind.SPLIT:
            mapping = reorganisation.read_mapping(data.get("mapping") or "", targets)
            rule = reorganisation.SplitRule(targets=targets, by_code=mapping)
        return reorganisation.Request(
            kind=data["kind"],
            source=self.source,
            targets=targets,
            effective_date=data["effective_date"],
            decision=data["decision"].strip(),
            move_staff=data["move_staff"],
            rule=rule,
        )


class ReorganisingAgencyAdmin(AgencyAdmin):
    """The agency admin with the reorganisation action and page."""

    actions = ["reorganise"]

    def get_urls(self):
        own = [
            path(
                "<int:object_id>/reorganise/",
                self.admin_site.admin_view(self.reorganise_view),
                name="agencies_agency_reorganise",
            )
        ]
        return own + super().get_urls()

    def has_reorganise_permission(self, request) -> bool:
        return request.user.is_superuser

    @admin.action(
        description=gettext_lazy("Sắp xếp tổ chức (sáp nhập, chia tách, giải thể)…"),
        permissions=["reorganise"],
    )
    def reorganise(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Hãy chọn đúng một đơn vị để sắp xếp."), messages.WARNING)
            return None
        return redirect("admin:agencies_agency_reorganise", queryset.get().pk)

    def reorganise_view(self, request, object_id: int):
        if not self.has_reorganise_permission(request):
            raise PermissionDenied
        source = get_object_or_404(Agency, pk=object_id)
        form = ReorganisationForm(request.POST or None, source=source)
        plan = None
        if request.method == "POST" and form.is_valid():
            try:
                if "confirm" in request.POST:
                    plan = reorganisation.carry_out(form.request(), actor=request.user)
                    self.message_user(
                        request,
                        _(
                            "Đã sắp xếp “%(name)s”: chuyển %(moved)d hồ sơ đang mở; %(hand)d hồ "
                            "sơ cần phân công thủ công."
                        )
                        % {
                            "name": source.name,
                            "moved": len(plan.dossiers),
                            "hand": len(plan.by_hand),
                        },
                        messages.SUCCESS,
                    )
                    return redirect(reverse("admin:agencies_agency_change", args=[source.pk]))
                plan = reorganisation.build(form.request())
            except ValidationError as error:
                form.add_error(None, error)
                plan = None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Sắp xếp tổ chức: %(name)s") % {"name": source.name},
            "opts": self.model._meta,
            "source": source,
            "form": form,
            "plan": plan,
            "placed_by": plan.request.rule.placed_by if plan and plan.request.rule else {},
        }
        return TemplateResponse(request, "admin/agencies/agency/reorganise.html", context)
