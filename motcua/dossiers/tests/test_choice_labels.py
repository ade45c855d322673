"""``ChoiceLabels``: a model's ``get_FOO_display`` gives what Django's gives (the label in the
active language, the value itself when it is not a choice) while translating only the label
shown, not every choice of the field."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from motcua.dossiers.constants import Action, Status
from motcua.dossiers.models import Dossier, Event
from motcua.dossiers.models.labels import ChoiceLabels

# Every model of the app that keeps its labels (Dossier, Event, the dossier's parts …).
MODELS = [m for m in apps.get_app_config("dossiers").get_models() if issubclass(m, ChoiceLabels)]


def _choice_fields():
    for model in MODELS:
        for field in model._meta.concrete_fields:
            if field.choices:
                yield model, field


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_label_is_djangos(language):
    fields = list(_choice_fields())
    assert len(fields) >= 12
    with translation.override(language):
        for model, field in fields:
            values = [value for value, _label in field.flatchoices] + ["not-a-choice", ""]
            for value in values:
                row = model(**{field.attname: value})
                shown = getattr(row, f"get_{field.name}_display")()
                assert shown == models.Model._get_FIELD_display(row, field), (model, field, value)


def test_an_enum_member_and_its_value_show_the_same_label():
    with translation.override("en"):
        assert Dossier(status=Status.RECEIVED).get_status_display() == str(Status.RECEIVED.label)
        assert Dossier(status="received").get_status_display() == str(Status.RECEIVED.label)


def test_only_the_label_shown_is_translated(monkeypatch):
    event = Event(action=Action.ASSIGN, to_status=Status.IN_PROGRESS)
    event.get_action_display()  # the field's dictionary, once per process
    translated = []
    real = translation._trans.gettext

    def counted(message):
        translated.append(message)
        return real(message)

    monkeypatch.setattr(translation._trans, "gettext", counted)
    with translation.override("en"):
        shown = event.get_action_display()
        assert len(translated) == 1
        assert shown == str(Action.ASSIGN.label)
