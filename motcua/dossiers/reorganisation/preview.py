"""The preview of a plan as plain text lines (the command prints them; the admin page shows the
same rows as a table)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .plan import Plan


def as_lines(plan: Plan) -> list[str]:
    request = plan.request
    lines = [
        _("%(kind)s “%(source)s” từ ngày %(day)s, quyết định %(decision)s.")
        % {
            "kind": request.label,
            "source": request.source.name,
            "day": request.effective_date.strftime("%d/%m/%Y"),
            "decision": request.decision,
        },
        _("Hồ sơ đang mở sẽ chuyển: %(count)d.") % {"count": len(plan.dossiers)},
    ]
    for target, count in plan.count_by_target():
        lines.append(f"  → {target.name}: {count}")
    for row in plan.dossiers:
        d = row.dossier
        placed = request.rule.placed_by.get(d.pk, "") if request.rule else ""
        who = row.assignee_after.get_full_name() if row.assignee_after else "—"
        lines.append(
            f"  {d.code or _('(nháp)')} [{d.get_status_display()}] → {row.target.name}"
            + (f" ({placed})" if placed else "")
            + f"; {_('cán bộ xử lý')}: {who}"
            + (f"; {_('CẦN PHÂN CÔNG THỦ CÔNG')}" if row.by_hand else "")
            + (f"; {_('giữ quy trình cũ')}" if row.process_kept else "")
        )
    if plan.by_hand:
        lines.append(
            _("Hồ sơ cần phân công thủ công (không có cán bộ cùng vai trò ở đơn vị mới): %(codes)s")
            % {"codes": ", ".join(r.dossier.code or str(r.dossier.pk) for r in plan.by_hand)}
        )
    for item in plan.memberships:
        m = item.membership
        action = _("chuyển sang đơn vị mới") if item.moves else _("kết thúc")
        lines.append(
            f"  {_('Phân công')}: {m.user.get_full_name()} – {m.get_role_display()}: {action}"
        )
    return lines
