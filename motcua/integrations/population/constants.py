"""Values shared by the population register's plugins and users."""

from django.utils.translation import gettext_lazy as _

ID_LENGTH = 12
MALE, FEMALE = "male", "female"
SEXES = {MALE: _("Nam"), FEMALE: _("Nữ")}
