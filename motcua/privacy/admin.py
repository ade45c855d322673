"""The breach register in the administration: entering an incident, following its 72-hour
notification deadline (coloured), recording the notification. Every save goes through
motcua.privacy.services (audited); the register is never deleted from."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .constants import Standing
from .models import BreachIncident

STANDING_LABELS = {
    Standing.ON_TIME: _("Đã thông báo đúng hạn"),
    Standing.LATE: _("Đã thông báo chậm"),
    Standing.OVERDUE: _("Quá hạn, chưa thông báo"),
    Standing.URGENT: _("Còn dưới 24 giờ"),
    Standing.OPEN: _("Chưa thông báo"),
}


class IncidentForm(forms.ModelForm):
    class Meta:
        model = BreachIncident
        fields = [
            "discovered_at",
            "nature",
            "data_categories",
            "sensitive",
            "subjects_affected",
            "measures",
            "authority_notified_at",
            "authority_reference",
            "late_reason",
        ]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("discovered_at"):
            services.check_discovered(data["discovered_at"])
        if self.instance.pk is not None and data.get("authority_notified_at"):
            services.check_notification(
                self.instance, data["authority_notified_at"], data.get("late_reason", "")
            )
        return data


@admin.register(BreachIncident)
class BreachIncidentAdmin(admin.ModelAdmin):
    form = IncidentForm
    list_display = ["__str__", "deadline", "subjects_affected", "sensitive", "recorded_by"]
    list_filter = ["sensitive"]
    search_fields = ["nature", "data_categories", "authority_reference"]
    readonly_fields = ["deadline", "recorded_by", "recorded_at"]

    def get_fieldsets(self, request, obj=None):
        incident = (None, {"fields": ["discovered_at", *services.FIELDS]})
        if obj is None:
            return [incident]
        notice = (
            _("Thông báo cơ quan chuyên trách (Cục A05 - Bộ Công an)"),
            {"fields": ["deadline", "authority_notified_at", "authority_reference", "late_reason"]},
        )
        return [incident, notice, (_("Ghi sổ"), {"fields": ["recorded_by", "recorded_at"]})]

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None:
            fields.append("discovered_at")  # the deadline runs from it: fixed once recorded
            # As stored: a form that failed validation has already set it on ``obj``.
            notified = BreachIncident.objects.filter(pk=obj.pk, authority_notified_at__isnull=False)
            if notified.exists():
                fields += ["authority_notified_at", "authority_reference", "late_reason"]
        return fields

    @admin.display(description=_("hạn thông báo (72 giờ)"), ordering="notify_by")
    def deadline(self, incident: BreachIncident):
        if incident.pk is None:
            return "-"
        standing = incident.standing()
        return format_html(
            '<span class="breach-deadline breach-{}">{} · {}</span>',
            standing,
            timezone.localtime(incident.notify_by).strftime("%d/%m/%Y %H:%M"),
            STANDING_LABELS[standing],
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        details = {name: form.cleaned_data[name] for name in services.FIELDS}
        if not change:
            created = services.record_incident(
                actor=request.user, discovered_at=form.cleaned_data["discovered_at"], **details
            )
            obj.pk = created.pk
            return
        services.update_incident(actor=request.user, incident=obj, **details)
        notified_at = form.cleaned_data.get("authority_notified_at")
        if notified_at and "authority_notified_at" in form.changed_data:
            services.record_notification(
                actor=request.user,
                incident=obj,
                notified_at=notified_at,
                reference=form.cleaned_data.get("authority_reference", ""),
                late_reason=form.cleaned_data.get("late_reason", ""),
            )
