"""How a split distributes the open dossiers of the unit that is split (chia tách).

The rule, in order:
1. a mapping file names the new unit of a dossier by its code (``MÃ_HỒ_SƠ,MÃ_ĐƠN_VỊ`` per line);
2. otherwise the applicant's address (or the result's delivery address) naming one of the new
   units (its name or short name, without diacritics: "Phường Hòa Bình" matches
   "… phuong hoa binh …") sends the dossier there;
3. otherwise the dossier goes to the first unit listed (the default successor).
The preview shows which rule placed each dossier."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from motcua.agencies import selectors as agency_selectors
from motcua.agencies.models import Agency
from motcua.catalog.search import padded


@dataclass
class SplitRule:
    targets: list[Agency]
    by_code: dict[str, Agency] = field(default_factory=dict)
    placed_by: dict[int, str] = field(default_factory=dict)

    def target_for(self, dossier) -> Agency:
        if dossier.code and dossier.code in self.by_code:
            self.placed_by[dossier.pk] = _("theo tệp phân bổ")
            return self.by_code[dossier.code]
        address = padded(f"{dossier.applicant_address} {dossier.delivery_address}")
        for target in self.targets:
            names = {n for n in (target.name, target.short_name) if n}
            if any(padded(name) in address for name in names):
                self.placed_by[dossier.pk] = _("theo địa chỉ người nộp")
                return target
        self.placed_by[dossier.pk] = _("đơn vị mặc định")
        return self.targets[0]


def read_mapping(text: str, targets: list[Agency]) -> dict[str, Agency]:
    """``MÃ_HỒ_SƠ,MÃ_ĐƠN_VỊ`` lines; every unit named must be one of ``targets``."""
    allowed = {t.code: t for t in targets if t.code}
    mapping = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in row]
        if not cells or not cells[0] or cells[0].startswith("#"):
            continue
        if len(cells) < 2:
            raise ValidationError(
                _("Dòng %(n)d của tệp phân bổ cần hai cột: mã hồ sơ, mã đơn vị.") % {"n": number},
                code="bad_mapping",
            )
        unit = allowed.get(cells[1].upper())
        if unit is None:
            found = agency_selectors.find_by_code(cells[1])
            raise ValidationError(
                _("Dòng %(n)d: đơn vị “%(code)s” không phải một đơn vị nhận chia tách.")
                % {"n": number, "code": found.name if found else cells[1]},
                code="bad_mapping",
            )
        mapping[cells[0].upper()] = unit
    return mapping
