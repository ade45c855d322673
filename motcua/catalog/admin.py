"""Administration of the catalogue. Every write goes through motcua.catalog.services: drafts are
edited here, published and withdrawn versions are read-only, and the actions create a draft from
the published version, validate, publish and withdraw."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import admin_boundary, admin_paperless, admin_synonyms, services  # noqa: F401 (they register admins)
from .constants import FileType
from .models import (
    ChannelTerm,
    Component,
    FeeLine,
    Field,
    FormTemplate,
    InternalProcess,
    LegalBasis,
    LinkedProcedure,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    VersionAgency,
    VersionEvent,
)
from .search import canonical_tokens


def _messages_for(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def _draft_of(obj) -> ProcedureVersion | None:
    """The version an admin page row belongs to, if it is a draft."""
    version = getattr(obj, "version", None) or getattr(
        getattr(obj, "term", None) or getattr(obj, "process", None), "version", None
    )
    if version is None and isinstance(obj, ProcedureVersion):
        version = obj
    return version if version is not None and version.is_draft else None


class DraftOnlyInline(admin.TabularInline):
    """Rows are editable while their version is a draft, read-only afterwards."""

    extra = 0

    def _editable(self, obj) -> bool:
        return obj is None or _draft_of(obj) is not None

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class AgencyInline(DraftOnlyInline):
    model = VersionAgency
    fields = ["order", "role", "level", "agency", "name"]
    autocomplete_fields = ["agency"]


class ChannelInline(DraftOnlyInline):
    model = ChannelTerm
    fields = ["channel", "processing_amount", "processing_unit", "same_day", "description"]
    show_change_link = True


COMPONENT_FIELDS = [
    "order",
    "name",
    "form",
    "originals",
    "copies",
    "requirement",
    "condition",
    "source",
    "national_database",
    "vneid_exempt",
    "max_upload_mb",
    "accepted_types",
]


class ComponentAdminForm(forms.ModelForm):
    """Accepted file types as one box per type instead of raw JSON."""

    accepted_types = forms.MultipleChoiceField(
        label=_("loại tệp được nhận"),
        choices=FileType.choices,
        initial=list(FileType.values),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kiểm tra theo nội dung tệp. Mặc định cả ba."),
    )

    class Meta:
        model = Component
        fields = COMPONENT_FIELDS

    def clean_accepted_types(self):
        chosen = self.cleaned_data["accepted_types"]
        return [t for t in FileType.values if t in chosen]


class ComponentInline(DraftOnlyInline):
    model = Component
    form = ComponentAdminForm
    fields = COMPONENT_FIELDS


class LegalBasisInline(DraftOnlyInline):
    model = LegalBasis
    fields = ["order", "number", "title", "effective_from", "effective_to"]


class ProcessInline(DraftOnlyInline):
    model = InternalProcess
    fields = ["name", "agency", "channel", "coordination", "lead_agency_name", "decision_number"]
    autocomplete_fields = ["agency"]
    show_change_link = True


class LinkedInline(DraftOnlyInline):
    model = LinkedProcedure
    fields = ["order", "procedure", "note"]
    autocomplete_fields = ["procedure"]


class EventInline(admin.TabularInline):
    model = VersionEvent
    fields = ["at", "kind", "actor", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DraftRowsMixin:
    """Saves inline rows through services.save_draft_rows."""

    def save_formset(self, request, form, formset, change):
        saved = formset.save(commit=False)
        version = _draft_of(form.instance)
        if version is None:
            return
        services.save_draft_rows(
            version, actor=request.user, saved=saved, deleted=formset.deleted_objects
        )
        formset.save_m2m()


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change):
        obj.pk = services.create_field(code=obj.code, name=obj.name).pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "created_at"]
    search_fields = ["code", "versions__name"]
    actions = ["copy_to_draft"]

    def get_readonly_fields(self, request, obj=None):
        return ["code", "created_at"] if obj else ["created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.pk = services.create_procedure(obj.code).pk

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Sao chép phiên bản đang công khai thành bản nháp mới"))
    def copy_to_draft(self, request, queryset):
        for procedure in queryset:
            try:
                draft = services.copy_published_to_draft(procedure, actor=request.user)
            except ValidationError as error:
                for message in _messages_for(error):
                    self.message_user(request, message, messages.ERROR)
                continue
            self.message_user(
                request,
                _("Đã tạo bản nháp phiên bản %(n)d của thủ tục %(code)s.")
                % {"n": draft.number, "code": procedure.code},
                messages.SUCCESS,
            )


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(DraftRowsMixin, admin.ModelAdmin):
    list_display = [
        "procedure",
        "number",
        "name",
        "status",
        "level",
        "online_level",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["status", "level", "online_level", "field"]
    search_fields = ["procedure__code", "name", "search_text"]
    list_select_related = ["procedure"]
    autocomplete_fields = ["procedure"]
    inlines = [
        AgencyInline,
        ChannelInline,
        ComponentInline,
        LegalBasisInline,
        ProcessInline,
        LinkedInline,
        EventInline,
    ]
    actions = ["validate", "publish", "withdraw", "copy_to_draft"]
    fieldsets = [
        (None, {"fields": ["procedure", "number", "status", "name", "field", "level", "subjects"]}),
        (_("Nội dung"), {"fields": ["sequence", "conditions", "cutoff_time"]}),
        (
            _("Kết quả và dịch vụ trực tuyến"),
            {
                "fields": [
                    "result_name",
                    "result_template",
                    "result_is_document",
                    "online_level",
                    "full_online_eligible",
                ]
            },
        ),
        (
            _("Công bố"),
            {
                "fields": [
                    "valid_from",
                    "valid_to",
                    "decision_number",
                    "decision_date",
                    "published_at",
                    "source_note",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        always = ["number", "status", "valid_to", "published_at"]
        if obj is None:
            return always
        if not obj.is_draft:
            return [f.name for f in ProcedureVersion._meta.fields if f.name != "id"]
        return [*always, "procedure"]

    def has_change_permission(self, request, obj=None):
        # Published and withdrawn versions open read-only (view permission only).
        return (obj is None or obj.is_draft) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.is_draft) and super().has_delete_permission(request, obj)

    def view_on_site(self, obj):
        return reverse("portal:procedures:detail", args=[obj.procedure.code])

    def get_search_results(self, request, queryset, search_term):
        """The admin's own search, plus the portal's: "dang ki", "đăng kí" and the citizens'
        words of the synonyms find what "đăng ký" finds."""
        found, may_duplicate = super().get_search_results(request, queryset, search_term)
        words = canonical_tokens(search_term)
        if not words:
            return found, may_duplicate
        folded = queryset
        for word in words:
            folded = folded.filter(search_text__contains=f" {word}")
        return found | folded, may_duplicate

    def save_model(self, request, obj, form, change):
        values = {
            name: form.cleaned_data[name]
            for name in services.EDITABLE_FIELDS
            if name in form.cleaned_data and name not in services.PUBLICATION_FIELDS
        }
        if change:
            services.update_draft(obj, actor=request.user, **values)
            return
        values.pop("name"), values.pop("field"), values.pop("level")
        created = services.create_draft(
            form.cleaned_data["procedure"],
            actor=request.user,
            name=form.cleaned_data["name"],
            field=form.cleaned_data["field"],
            level=form.cleaned_data["level"],
            **values,
        )
        obj.pk, obj.number = created.pk, created.number

    @admin.action(description=_("Kiểm tra điều kiện công bố"))
    def validate(self, request, queryset):
        for version in queryset.select_related("procedure"):
            problems = services.validate_version(version)
            if not problems:
                self.message_user(
                    request, _("%(v)s: đủ điều kiện công bố.") % {"v": version}, messages.SUCCESS
                )
            for problem in problems:
                self.message_user(request, f"{version}: {problem}", messages.WARNING)

    @admin.action(description=_("Công bố (theo ngày hiệu lực và quyết định đã nhập)"))
    def publish(self, request, queryset):
        done = 0
        for version in queryset.select_related("procedure"):
            try:
                services.publish_version(version, actor=request.user)
                done += 1
            except ValidationError as error:
                for message in _messages_for(error):
                    self.message_user(request, f"{version}: {message}", messages.ERROR)
        if done:
            self.message_user(
                request,
                ngettext("Đã công bố %(n)d phiên bản.", "Đã công bố %(n)d phiên bản.", done)
                % {"n": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Bãi bỏ, dừng công khai từ hôm nay"))
    def withdraw(self, request, queryset):
        for version in queryset.select_related("procedure"):
            try:
                services.withdraw_version(version, actor=request.user)
            except ValidationError as error:
                for message in _messages_for(error):
                    self.message_user(request, f"{version}: {message}", messages.ERROR)

    @admin.action(description=_("Sao chép thành bản nháp mới"))
    def copy_to_draft(self, request, queryset):
        for code in sorted({v.procedure.code for v in queryset.select_related("procedure")}):
            try:
                draft = services.copy_published_to_draft(code, actor=request.user)
            except ValidationError as error:
                for message in _messages_for(error):
                    self.message_user(request, message, messages.ERROR)
                continue
            self.message_user(request, _("Đã tạo %(v)s.") % {"v": draft}, messages.SUCCESS)


class FeeLineInline(DraftOnlyInline):
    model = FeeLine
    fields = [
        "order",
        "name",
        "code",
        "kind",
        "amount",
        "basis",
        "unit",
        "quantity_field",
        "copies_field",
        "tier_from",
        "tier_amount",
        "maximum",
        "stage",
        "description",
    ]


class StepInline(DraftOnlyInline):
    model = ProcessStep
    fields = [
        "order",
        "stage",
        "name",
        "unit",
        "role",
        "agency_level",
        "agency_name",
        "quota_amount",
        "quota_unit",
        "output_kind",
        "output_name",
    ]


class ChildAdmin(DraftRowsMixin, admin.ModelAdmin):
    """Channels and processes, reached from their version; editable while it is a draft."""

    def has_module_permission(self, request):
        return False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return (obj is None or _draft_of(obj) is not None) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.save_draft_rows(obj.version, actor=request.user, saved=[obj])


@admin.register(ChannelTerm)
class ChannelTermAdmin(ChildAdmin):
    fields = [
        "version",
        "channel",
        "processing_amount",
        "processing_unit",
        "same_day",
        "description",
    ]
    readonly_fields = ["version"]
    inlines = [FeeLineInline]


@admin.register(InternalProcess)
class InternalProcessAdmin(ChildAdmin):
    fields = [
        "version",
        "name",
        "agency",
        "channel",
        "coordination",
        "lead_agency_name",
        "decision_number",
    ]
    readonly_fields = ["version"]
    autocomplete_fields = ["agency"]
    inlines = [StepInline]


@admin.register(FormTemplate)
class FormTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "filename", "content_type", "size", "sha256"]
    search_fields = ["title", "filename", "sha256"]
    fields = ["title", "file", "filename", "content_type", "size", "sha256", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        return ["filename", "content_type", "size", "sha256", "created_at"] + (
            ["title", "file"] if obj else []
        )

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data["file"]
        stored = services.store_form(
            upload.read(),
            title=form.cleaned_data["title"],
            filename=upload.name,
            content_type=getattr(upload, "content_type", "") or "application/octet-stream",
        )
        obj.pk = stored.pk

    def has_delete_permission(self, request, obj=None):
        return False
