"""The national catalogue pulls in the administration: the list of pulls (when, by whom, counts,
errors), each pull with its diff per procedure and links to the drafts it made, and the page
that previews a pull and runs it (docs/integrations.md, "National procedure catalogue")."""

from __future__ import annotations

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import CataloguePull, ItemOutcome, PullMode
from . import services

ORDER = [
    ItemOutcome.FAILED,
    ItemOutcome.NEW,
    ItemOutcome.CHANGED,
    ItemOutcome.ALREADY_DRAFTED,
    ItemOutcome.UNCHANGED,
]


def _draft_url(version) -> str:
    try:
        return reverse("admin:catalog_procedureversion_change", args=[version.pk])
    except NoReverseMatch:
        return ""


def shown_items(rows) -> dict:
    """Items as the diff template shows them: the differing ones in full (errors first), the
    unchanged ones as one list of codes."""
    items = []
    for row in rows:
        changes = row.changes
        items.append(
            {
                "code": row.code,
                "name": row.name,
                "outcome": row.outcome,
                "outcome_label": ItemOutcome(row.outcome).label,
                "changes": [c if isinstance(c, dict) else c.as_dict() for c in changes],
                "base_number": row.base_version.number if row.base_version else None,
                "draft": row.draft,
                "draft_url": _draft_url(row.draft) if row.draft else "",
                "error": row.error,
            }
        )
    items.sort(key=lambda i: (ORDER.index(i["outcome"]), i["code"]))
    return {
        "detailed": [i for i in items if i["outcome"] != ItemOutcome.UNCHANGED],
        "unchanged": [i for i in items if i["outcome"] == ItemOutcome.UNCHANGED],
    }


@admin.register(CataloguePull)
class CataloguePullAdmin(admin.ModelAdmin):
    list_display = ["started_at", "actor", "scope", "outcome", "counts", "short_error"]
    list_filter = ["outcome", "mode"]
    list_select_related = ["actor"]
    change_list_template = "admin/integrations/cataloguepull/change_list.html"
    change_form_template = "admin/integrations/cataloguepull/change_form.html"
    # The pull's page: who, when, scope, outcome, the counts on one line, the error; its diff
    # follows (change_form.html).
    fields = ["started_at", "finished_at", "actor", "scope", "outcome", "counts", "error"]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("lỗi"))
    def short_error(self, obj):
        return obj.error[:120]

    @admin.display(description=gettext_lazy("phạm vi"))
    def scope(self, obj):
        if obj.since:
            return _("Thay đổi từ %(d)s") % {"d": obj.since.strftime("%d/%m/%Y")}
        return obj.get_mode_display()

    @admin.display(description=gettext_lazy("số thủ tục"))
    def counts(self, obj):
        text = _("%(new)d mới, %(changed)d thay đổi, %(same)d không đổi, %(failed)d lỗi") % {
            "new": obj.new,
            "changed": obj.changed,
            "same": obj.unchanged,
            "failed": obj.failed,
        }
        if obj.already_drafted:
            text += _(", %(n)d đã có bản nháp") % {"n": obj.already_drafted}
        return _("%(text)s → %(drafts)d bản nháp") % {
            "text": text,
            "drafts": obj.drafts,
        }

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def may_pull(self, request) -> bool:
        return request.user.has_perm("integrations.add_cataloguepull") and request.user.has_perm(
            "catalog.add_procedureversion"
        )

    def get_urls(self):
        return [
            path(
                "pull/",
                self.admin_site.admin_view(self.pull_view),
                name="integrations_cataloguepull_pull",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if request.GET.get("state__exact") == "dead":
            # The health page links every system's "dead letters" this way; for the pulls they
            # are the pulls that failed or could not write some procedures.
            url = reverse("admin:integrations_cataloguepull_changelist")
            return redirect(f"{url}?outcome__in=partial,failed")
        extra = {"may_pull": self.may_pull(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pull = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if pull is not None:
            rows = pull.items.select_related("base_version", "draft")
            extra.update(shown_items(rows))
        return super().change_view(request, object_id, form_url, extra)

    def pull_view(self, request):
        """GET: the form, and with ``preview`` the diff of what a pull would do (nothing
        written). POST: the pull itself, then its page."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        source = request.POST if request.method == "POST" else request.GET
        mode = source.get("mode", PullMode.CHANGED)
        if mode not in PullMode.values:
            mode = PullMode.CHANGED
        since, codes, problems = None, [], []
        if source.get("since"):
            try:
                since = datetime.date.fromisoformat(source["since"])
            except ValueError:
                problems.append(
                    _("Ngày “thay đổi từ” phải có dạng năm-tháng-ngày, ví dụ 2026-11-01.")
                )
        if mode == PullMode.CODES:
            codes = [c for c in source.get("codes", "").replace(",", " ").split() if c][:200]
            if not codes:
                problems.append(_("Hãy nhập ít nhất một mã thủ tục."))
            problems += services.code_problems(codes)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Lấy danh mục TTHC từ CSDL quốc gia"),
            "mode": mode,
            "modes": PullMode.choices,
            "since": source.get("since", ""),
            "codes": source.get("codes", ""),
            "last": services.last_success(),
            "may_pull": self.may_pull(request),
            "problems": problems,
        }
        if request.method == "POST" and not problems:
            if not self.may_pull(request):
                raise PermissionDenied
            report = services.pull(actor=request.user, mode=mode, since=since, codes=codes)
            if report.error:
                self.message_user(request, report.error, messages.ERROR)
            else:
                self.message_user(
                    request,
                    _(
                        "Đã lấy %(n)d thủ tục, tạo %(d)d bản nháp. Bản nháp chưa công bố: hãy bổ "
                        "sung quy trình nội bộ, mức thu của tỉnh rồi công bố."
                    )
                    % {"n": len(report.items), "d": report.pull.drafts},
                    messages.SUCCESS,
                )
            return redirect("admin:integrations_cataloguepull_change", report.pull.pk)
        if source.get("preview") and not problems:
            report = services.preview(mode=mode, since=since, codes=codes)
            context.update(shown_items(report.items))
            context.update(previewed=True, error=report.error, report=report)
        return TemplateResponse(request, "admin/integrations/cataloguepull/pull.html", context)
