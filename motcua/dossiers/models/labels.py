"""Choice labels shown without translating every other choice of the field.

Django's ``get_FOO_display`` builds a dictionary of the field's choices on every call, and
hashing each (value, lazy label) pair translates the label: one history row's action (25
choices) cost 25 translations to show one. The dossier page shows a dozen such labels and two
per history row. ``ChoiceLabels`` builds each field's dictionary once per process; the lazy
label found is translated when shown, in the request's language, as before."""

from __future__ import annotations

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS: dict = {}


def _labels(field) -> dict | None:
    labels = _LABELS.get(field)
    if labels is None:
        if not isinstance(field.choices, (list, tuple)):
            return None  # choices read by a callable may change: Django's way, every time
        labels = _LABELS[field] = dict(make_hashable(field.flatchoices))
    return labels


class ChoiceLabels:
    """A model's ``get_FOO_display`` as Django's (the same label, the value itself when it is
    not a choice), from a dictionary kept per field. Listed before ``models.Model``."""

    def _get_FIELD_display(self, field):
        labels = _labels(field)
        if labels is None:
            return super()._get_FIELD_display(field)
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
