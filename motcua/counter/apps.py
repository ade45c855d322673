from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounterConfig(AppConfig):
    name = "motcua.counter"
    verbose_name = _("Quầy, số thứ tự và đánh giá tại quầy")
