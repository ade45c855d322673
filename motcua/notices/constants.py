from django.db import models
from django.utils.translation import gettext_lazy as _


class FormKey(models.TextChoices):
    """The dossier forms motcua issues (biểu mẫu); the register is per unit, not per dossier."""

    RECEIPT = "receipt", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT = "supplement", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
    REFUSAL = "refusal", _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")
    APOLOGY = "apology", _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")
    STOP = "stop", _("Thông báo dừng giải quyết hồ sơ")
    CONTROL_SLIP = "control_slip", _("Phiếu kiểm soát quá trình giải quyết hồ sơ")


# Forms that stay inside the agencies: never in the applicant's personal data store, never
# served to the applicant. TT 01/2018 Form 05: the control slip travels with the file from unit
# to unit and records their hand-overs.
INTERNAL_FORMS = frozenset({FormKey.CONTROL_SLIP})

REGISTER = "register"


class Reissue(models.TextChoices):
    """When a form already issued (signed and stored) for a dossier is issued again rather than
    served as it was."""

    ONCE = "once", _("Chỉ phát hành một lần")
    ON_CHANGE = "on_change", _("Phát hành lại khi nội dung thay đổi")
