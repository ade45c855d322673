"""Choices of the procedure catalogue and their mapping to the national sync codes.

Other apps (dossiers, payments, integrations) import these; the national codes live here so that
the mapping exists in one place (domain.md §4.1).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    """Life of a procedure version: a draft is edited, a published one is frozen, a withdrawn one
    is no longer offered but stays for the dossiers filed under it."""

    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đang công khai")
    WITHDRAWN = "withdrawn", _("Đã bãi bỏ, dừng công khai")


class ProcedureLevel(models.TextChoices):
    """Level that carries out the procedure (cấp thực hiện)."""

    MINISTRY = "ministry", _("Cấp bộ")
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class Subject(models.TextChoices):
    """Who may apply (đối tượng thực hiện)."""

    CITIZEN = "citizen", _("Công dân Việt Nam")
    OVERSEAS_VIETNAMESE = "overseas_vietnamese", _("Người Việt Nam định cư ở nước ngoài")
    FOREIGNER = "foreigner", _("Người nước ngoài")
    BUSINESS = "business", _("Doanh nghiệp")
    HOUSEHOLD_BUSINESS = "household_business", _("Hộ kinh doanh")
    ORGANISATION = "organisation", _("Tổ chức khác")


# Subjects that make a procedure count in 766 indicator 4.5a (citizen-facing procedures).
CITIZEN_SUBJECTS = {Subject.CITIZEN, Subject.OVERSEAS_VIETNAMESE, Subject.FOREIGNER}


class Channel(models.TextChoices):
    """How a dossier is submitted (kênh thực hiện, KenhThucHien)."""

    DIRECT = "direct", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Qua dịch vụ bưu chính công ích")


# KenhThucHien in the DVCQG sync (domain.md §4.1).
NATIONAL_CHANNEL_CODE = {Channel.DIRECT: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}


class OnlineLevel(models.TextChoices):
    """Level of the online public service (mức độ dịch vụ công trực tuyến, ND 42/2022)."""

    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    NONE = "none", _("Không cung cấp trực tuyến")


class FeeKind(models.TextChoices):
    """Kind of amount (LoaiPhiLePhi): a charge for a service or a state levy."""

    FEE = "fee", _("Phí")
    CHARGE = "charge", _("Lệ phí")


class FeeStage(models.TextChoices):
    """When the amount is collected (HinhThucThu)."""

    AT_RECEIPT = "at_receipt", _("Thu khi tiếp nhận hồ sơ")
    AT_SUPPLEMENT = "at_supplement", _("Thu khi bổ sung hồ sơ")
    AT_RETURN = "at_return", _("Thu khi trả kết quả")


class FeeBasis(models.TextChoices):
    """What a fee line's amount is counted by (cách tính mức thu): once per dossier, or per
    copy, page or other item the applicant asks for."""

    FIXED = "fixed", _("Cố định, mỗi hồ sơ")
    PER_COPY = "per_copy", _("Theo số bản")
    PER_PAGE = "per_page", _("Theo số trang của mỗi bản, nhân số bản")
    PER_ITEM = "per_item", _("Theo số trường hợp, số đơn vị khác")


class Quantity(models.TextChoices):
    """The numbers a request carries that fees are counted by: how many copies, how many pages
    (of each copy), how many other items."""

    COPIES = "copies", _("Số bản")
    PAGES = "pages", _("Số trang của mỗi bản")
    ITEMS = "items", _("Số lượng")


MAX_FEE_QUANTITY = 9999

# HinhThucThu in the DVCQG sync (domain.md §4.1).
NATIONAL_FEE_STAGE_CODE = {FeeStage.AT_RECEIPT: 1, FeeStage.AT_SUPPLEMENT: 2, FeeStage.AT_RETURN: 4}


class Requirement(models.TextChoices):
    """Whether a document component must always be supplied."""

    MANDATORY = "mandatory", _("Bắt buộc")
    CONDITIONAL = "conditional", _("Trong trường hợp")


class ComponentSource(models.TextChoices):
    """Where the desk may take a component from instead of asking the applicant (ND 45/2020)."""

    APPLICANT = "applicant", _("Người nộp hồ sơ cung cấp")
    PERSONAL_DATA_STORE = "personal_data_store", _("Kho dữ liệu của cá nhân, tổ chức trên DVCQG")
    NATIONAL_DATABASE = "national_database", _("Cơ sở dữ liệu quốc gia, chuyên ngành")


class FileType(models.TextChoices):
    """The kinds of file a component may accept, recognised by their content (motcua.documents
    reads the first bytes; the name and the browser's claim do not count)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


# A component's own upload limit, in MB of 1024 × 1024 bytes, is at most this; a component
# without one uses the system default (setting UPLOAD_MAX_BYTES, 10 MB).
MAX_UPLOAD_MB = 100
MEGABYTE = 1024 * 1024


class AgencyRole(models.TextChoices):
    """What an agency does for a procedure."""

    EXECUTING = "executing", _("Cơ quan thực hiện")
    RESOLVING = "resolving", _("Cơ quan có thẩm quyền quyết định")
    COORDINATING = "coordinating", _("Cơ quan phối hợp")


class StepUnit(models.TextChoices):
    """Who carries out a step of the internal process (trách nhiệm thực hiện)."""

    APPLICANT = "applicant", _("Tổ chức, cá nhân")
    DESK = "desk", _("Bộ phận Một cửa")
    SPECIALIST_UNIT = "specialist_unit", _("Công chức, phòng chuyên môn")
    LEADERSHIP = "leadership", _("Lãnh đạo cơ quan")
    REGISTRY = "registry", _("Văn thư")
    PARTNER_AGENCY = "partner_agency", _("Cơ quan phối hợp (liên thông)")


class StepOutput(models.TextChoices):
    """What a step produces (biểu mẫu / kết quả)."""

    NONE = "none", _("Không")
    FORM = "form", _("Biểu mẫu, phiếu")
    DRAFT_RESULT = "draft_result", _("Dự thảo kết quả")
    RESULT = "result", _("Kết quả giải quyết")


class Coordination(models.TextChoices):
    """How several agencies work on one dossier (liên thông, domain.md §6.6)."""

    SINGLE = "single", _("Một cơ quan")
    SEQUENTIAL = "sequential", _("Liên thông tuần tự")
    PARALLEL = "parallel", _("Liên thông song song, có cơ quan chủ trì")


class VersionEventKind(models.TextChoices):
    """What happened to a version (lịch sử phiên bản)."""

    CREATED = "created", _("Tạo bản nháp")
    COPIED = "copied", _("Sao chép thành bản nháp mới")
    EDITED = "edited", _("Sửa bản nháp")
    PUBLISHED = "published", _("Công bố")
    SUPERSEDED = "superseded", _("Hết hiệu lực do có phiên bản mới")
    WITHDRAWN = "withdrawn", _("Bãi bỏ, dừng công khai")
    IMPORTED = "imported", _("Nhập từ tệp danh mục")
