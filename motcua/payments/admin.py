"""Read-only views of payments for administrators: money is recorded by the services only."""

from django.contrib import admin

from motcua.siteadmin.readable import ReadableJSONMixin

from .models import (
    CollectingAccount,
    DemoLedgerEntry,
    GatewayMessage,
    MonthSignOff,
    PaygovBill,
    PaygovSwitch,
    ReceiptSeries,
    ReconciledPayment,
    RefusedMessageCount,
    Remittance,
    Transaction,
    TransactionLine,
    TreasuryAccount,
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


@admin.register(TreasuryAccount)
class TreasuryAccountAdmin(admin.ModelAdmin):
    """Each collecting unit's state-budget accounts at the Treasury, with their dates; an
    account already remitted to is closed with an end date, never deleted (PROTECT)."""

    list_display = ["agency", "account_number", "treasury", "name", "valid_from", "valid_to"]
    list_filter = ["treasury"]
    search_fields = ["agency__name", "agency__code", "account_number", "treasury"]
    autocomplete_fields = ["agency"]


@admin.register(Remittance)
class RemittanceAdmin(ReadOnlyAdmin):
    """Recorded by the unit's accountant on the remittance page (services only)."""

    list_display = [
        "remitted_on",
        "agency",
        "voucher_number",
        "account",
        "amount",
        "recorded_by",
        "recorded_at",
    ]
    list_filter = ["remitted_on"]
    search_fields = ["voucher_number", "agency__name", "agency__code"]
    list_select_related = ["agency", "account", "recorded_by"]


@admin.register(MonthSignOff)
class MonthSignOffAdmin(ReadOnlyAdmin):
    list_display = [
        "agency",
        "month",
        "opening",
        "collected",
        "remitted",
        "closing",
        "signed_by",
        "signed_at",
    ]
    list_select_related = ["agency", "signed_by"]


@admin.register(ReconciledPayment)
class ReconciledPaymentAdmin(ReadOnlyAdmin):
    list_display = ["transaction", "day", "recorded_at"]
    search_fields = ["=transaction__id"]
