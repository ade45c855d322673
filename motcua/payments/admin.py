"""Read-only views of payments for administrators: money is recorded by the services only."""

from django.contrib import admin

from motcua.siteadmin.readable import ReadableJSONMixin

from .models import DemoLedgerEntry, GatewayMessage, Transaction, TransactionLine


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
    ]
    list_filter = ["status", "gateway", "method"]
    search_fields = ["=id", "dossier__code", "gateway_reference", "receipt_number"]
    list_select_related = ["dossier"]
    inlines = [LineInline]


@admin.register(GatewayMessage)
class GatewayMessageAdmin(ReadableJSONMixin, ReadOnlyAdmin):
    list_display = ["received_at", "gateway", "source", "transaction", "outcome"]
    list_filter = ["outcome", "source", "gateway"]
    search_fields = ["=transaction__id"]


@admin.register(DemoLedgerEntry)
class DemoLedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "order_reference", "bank_reference", "amount", "response_code"]
    search_fields = ["order_reference", "bank_reference"]
