"""Units in which legal time limits are stated."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# One working day is eight working hours (domain.md §5.2).
HOURS_PER_WORKING_DAY = 8


class DurationUnit(models.TextChoices):
    """Unit of a processing time or step quota (đơn vị tính thời hạn)."""

    WORKING_DAYS = "working_days", _("ngày làm việc")
    WORKING_HOURS = "working_hours", _("giờ làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày")
    CALENDAR_MONTHS = "calendar_months", _("tháng")
