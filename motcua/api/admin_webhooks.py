"""Webhooks in the administration: subscribers registered and changed through
``webhooks.services`` (the secret of a new one shown once, in the page's message), the delivery
log with every attempt and the re-send of chosen deliveries, and the demo receiver with its
failure switch and what it got."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from motcua.siteadmin.readable import ReadableJSONMixin

from .models_webhooks import (
    DeliveryState,
    DemoReceipt,
    DemoReceiver,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscriber,
)
from .webhooks import outbox, services


class SubscriberForm(forms.ModelForm):
    url = forms.URLField(label=gettext_lazy("Địa chỉ nhận"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Sự kiện đăng ký"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = WebhookSubscriber
        fields = ["client", "name", "url", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["client"].disabled = True
            self.fields["name"].disabled = True
            self.initial["events"] = self.instance.events

    def clean(self):
        data = super().clean()
        client = data.get("client") or (self.instance.client if self.instance.pk else None)
        if not self.errors and client is not None and data.get("active", True):
            try:
                services.checked(client, data.get("name", ""), data.get("url", ""), data["events"])
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, problems)
        return data


@admin.register(WebhookSubscriber)
class WebhookSubscriberAdmin(admin.ModelAdmin):
    form = SubscriberForm
    list_display = ["name", "client", "url", "event_list", "active", "pending", "dead"]
    list_filter = ["active"]
    search_fields = ["name", "url", "client__application__name"]
    list_select_related = ["client__application"]
    readonly_fields = ["created_at", "last_sequence", "last_delivered_at", "lease_until"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                pending_count=Count(
                    "deliveries", filter=Q(deliveries__state=DeliveryState.PENDING)
                ),
                dead_count=Count("deliveries", filter=Q(deliveries__state=DeliveryState.DEAD)),
            )
        )

    @admin.display(description=gettext_lazy("sự kiện"))
    def event_list(self, obj):
        return ", ".join(obj.events)

    @admin.display(description=gettext_lazy("chờ gửi"), ordering="pending_count")
    def pending(self, obj):
        return obj.pending_count

    @admin.display(description=gettext_lazy("gửi không thành công"), ordering="dead_count")
    def dead(self, obj):
        return obj.dead_count

    def get_fields(self, request, obj=None):
        fields = ["client", "name", "url", "events", "active"]
        return fields + (self.readonly_fields if obj else [])

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def has_delete_permission(self, request, obj=None):
        return False  # its deliveries name it; stop it instead

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if change:
                services.change(
                    obj,
                    actor=request.user,
                    url=data["url"],
                    events=data["events"],
                    active=data["active"],
                )
                return
            registered = services.register(
                actor=request.user,
                client=data["client"],
                name=data["name"],
                url=data["url"],
                events=data["events"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            raise
        obj.pk = registered.subscriber.pk
        obj._state.adding = False
        messages.warning(
            request,
            _(
                "Khóa ký của nơi nhận: %(secret)s — hãy chép ngay và cấu hình ở hệ thống nhận "
                "để kiểm tra chữ ký (HMAC-SHA256); khóa chỉ hiện lần này."
            )
            % {"secret": registered.secret},
        )


class AttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ["at", "status_code", "ok", "duration_ms", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadableJSONMixin, admin.ModelAdmin):
    list_display = [
        "key",
        "subscriber",
        "event_type",
        "dossier_code",
        "state",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "short_error",
    ]
    list_filter = ["state", "event_type", "subscriber"]
    search_fields = ["key", "event__dossier__code", "subscriber__name"]
    list_select_related = ["subscriber", "event__dossier"]
    readonly_fields = [
        "subscriber",
        "event_type",
        "key",
        "sequence",
        "state",
        "attempts",
        "next_attempt_at",
        "last_attempt_at",
        "delivered_at",
        "created_at",
        "last_error",
        "payload",
    ]
    fields = readonly_fields
    inlines = [AttemptInline]
    actions = ["resend"]

    @admin.display(description=gettext_lazy("hồ sơ"), ordering="event__dossier__code")
    def dossier_code(self, obj):
        return obj.event.dossier.code

    @admin.display(description=gettext_lazy("lỗi gần nhất"))
    def short_error(self, obj):
        return obj.last_error[:120]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Every field is read-only: the change permission is there for the re-send action.
        extra_context = (extra_context or {}) | {
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=gettext_lazy("Gửi lại các thông báo đã chọn"), permissions=["change"])
    def resend(self, request, queryset):
        sent = 0
        for delivery in queryset.order_by("subscriber_id", "sequence"):
            sent += outbox.resend(delivery, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "Đã đưa %(n)d thông báo trở lại hàng đợi.",
                "Đã đưa %(n)d thông báo trở lại hàng đợi.",
                sent,
            )
            % {"n": sent},
            messages.SUCCESS,
        )


@admin.register(DemoReceiver)
class DemoReceiverAdmin(admin.ModelAdmin):
    list_display = ["name", "failing"]
    list_editable = ["failing"]


@admin.register(DemoReceipt)
class DemoReceiptAdmin(admin.ModelAdmin):
    list_display = [
        "received_at",
        "receiver",
        "event_type",
        "delivery_key",
        "accepted",
        "duplicate",
        "error",
    ]
    list_filter = ["receiver", "accepted", "duplicate", "event_type"]
    search_fields = ["delivery_key"]
    readonly_fields = [f.name for f in DemoReceipt._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
