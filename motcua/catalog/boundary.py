"""Whether a procedure is on a province's boundary-free list on a day (``models.BoundaryFreeList``;
ND 118/2025 Art. 14 §2), and the checks an administrator's list must pass."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.agencies.constants import Level

from .models import BoundaryFreeList


def lists_on(unit, day: datetime.date):
    """The lists in force on ``day`` in the province ``unit`` belongs to (any level of it)."""
    return (
        BoundaryFreeList.objects.filter(
            province_id__in=unit.ancestor_ids(),
            province__level=Level.PROVINCE,
            valid_from__lte=day,
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from", "-id")
    )


def basis_for(unit, procedure_id: int, day: datetime.date) -> BoundaryFreeList | None:
    """The list (the latest in force) under which a desk of ``unit``'s province takes the
    procedure for another commune on ``day``, or None when it is not on the list."""
    return (
        lists_on(unit, day)
        .filter(Q(all_procedures=True) | Q(procedures__pk=procedure_id))
        .distinct()
        .first()
    )


def refusal_text(version, *, to_applicant: bool = False) -> str:
    """What the desk is told when the procedure is not on the province's list; with
    ``to_applicant``, what a citizen filing online is told at the step where they chose the
    desk."""
    if to_applicant:
        return _(
            "Thủ tục “%(procedure)s” không thuộc danh mục thủ tục hành chính tiếp nhận không phụ "
            "thuộc địa giới hành chính của tỉnh: hồ sơ chỉ được tiếp nhận tại Bộ phận Một cửa "
            "của xã, phường nơi có cơ quan giải quyết. Hãy chọn nơi tiếp nhận cùng xã, phường "
            "với cơ quan giải quyết."
        ) % {"procedure": version.name}
    return _(
        "Thủ tục “%(procedure)s” không thuộc danh mục thủ tục hành chính tiếp nhận không phụ "
        "thuộc địa giới hành chính của tỉnh: chỉ tiếp nhận cho cơ quan giải quyết thuộc xã, "
        "phường của Bộ phận Một cửa này. Hãy hướng dẫn người nộp đến Bộ phận Một cửa của cơ "
        "quan có thẩm quyền."
    ) % {"procedure": version.name}


def scope_text(basis: BoundaryFreeList | None) -> str:
    """What a choice of resolving agency says about the list: any agency of the province under
    ``basis``, or (None: off the list) only one of the receiving desk's own commune. The desk's
    intake and the portal's online filing show it."""
    if basis is not None:
        return (
            basis_text(basis)
            + " "
            + _(
                "Chọn cơ quan có thẩm quyền giải quyết, kể cả của xã, phường khác; kết quả được "
                "trả tại nơi tiếp nhận."
            )
        )
    return _(
        "Thủ tục không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính của tỉnh: "
        "chỉ tiếp nhận cho cơ quan giải quyết thuộc địa bàn của Bộ phận Một cửa."
    )


def basis_text(basis: BoundaryFreeList) -> str:
    return _("Tiếp nhận không phụ thuộc địa giới hành chính theo %(decision)s.") % {
        "decision": basis.decision
    }


def check_list(*, province, valid_from, valid_to, all_procedures, procedures) -> None:
    """Refuse a list that could not be applied as written (used by the admin form)."""
    errors = {}
    if province is not None and province.level != Level.PROVINCE:
        errors["province"] = _("Danh mục do tỉnh, thành phố công bố: hãy chọn một tỉnh.")
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = _("Ngày hết hiệu lực phải sau ngày bắt đầu.")
    if not all_procedures and not procedures:
        errors["procedures"] = _("Hãy chọn các thủ tục trong danh mục, hoặc chọn “mọi thủ tục”.")
    if errors:
        raise ValidationError(errors)
