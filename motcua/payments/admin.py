"""Read-only views of payments for administrators: money is recorded by the services only."""

from django.contrib import admin

from motcua.siteadmin.readable import ReadableJSONMixin

from .models import (
    CollectingAccount,
    DemoLedgerEntry,
    GatewayMessage,
    PaygovBill,
    PaygovSwitch,
    ReceiptSeries,
    RefusedMessageCount,
    Transaction,
    TransactionLine,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LineInline(admin.TabularInline):
    model = TransactionLine
    extra = 0
    can_delete = False
    readonly_fields = ["fee", "name", "amount", "settled"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "dossier",
        "gateway",
        "method",
        "amount",
        "status",
        "paid_at",
        "receipt_number",
        "lookup_code",
    ]
    list_filter = ["status", "gateway", "method"]
    search_fields = ["=id", "dossier__code", "gateway_reference", "receipt_number", "lookup_code"]
    list_select_related = ["dossier"]
    inlines = [LineInline]


@admin.register(GatewayMessage)
class GatewayMessageAdmin(ReadableJSONMixin, ReadOnlyAdmin):
    list_display = ["received_at", "gateway", "source", "transaction", "outcome"]
    list_filter = ["outcome", "source", "gateway"]
    search_fields = ["=transaction__id"]


@admin.register(RefusedMessageCount)
class RefusedMessageCountAdmin(ReadOnlyAdmin):
    list_display = ["hour", "gateway", "source", "outcome", "address", "count", "last_at"]
    list_filter = ["outcome", "source", "gateway"]
    search_fields = ["address"]


@admin.register(DemoLedgerEntry)
class DemoLedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "order_reference", "bank_reference", "amount", "response_code"]
    search_fields = ["order_reference", "bank_reference"]


@admin.register(CollectingAccount)
class CollectingAccountAdmin(admin.ModelAdmin):
    """Each collecting unit's payee account and receipt symbols, kept by the administrator."""

    list_display = ["agency", "account_number", "bank_code", "treasury", "receipt_symbol"]
    search_fields = ["agency__name", "agency__code", "account_number"]
    autocomplete_fields = ["agency"]


@admin.register(ReceiptSeries)
class ReceiptSeriesAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "symbol", "last_number"]
    list_filter = ["year"]


@admin.register(PaygovBill)
class PaygovBillAdmin(ReadableJSONMixin, ReadOnlyAdmin):
    list_display = [
        "created_at",
        "lookup_code",
        "reference",
        "amount",
        "status",
        "method",
        "callback_attempts",
        "callback_acknowledged_at",
    ]
    list_filter = ["status"]
    search_fields = ["lookup_code", "reference", "platform_reference"]


@admin.register(PaygovSwitch)
class PaygovSwitchAdmin(admin.ModelAdmin):
    """The demo national payment platform's failure switch (one row)."""

    list_display = ["__str__"]

    def has_add_permission(self, request):
        return not PaygovSwitch.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
