import pytest
import time_machine

from motcua.dossiers.constants import Action
from motcua.dossiers.events import dispatch_event
from motcua.dossiers.models import Event
from motcua.dossiers.tests import conftest as dossier_fixtures
from motcua.dossiers.tests.conftest import vn

# The dossier tests' catalogue and walk-in receipt, shared rather than copied.
version = dossier_fixtures.version
applicant = dossier_fixtures.applicant
form_component = dossier_fixtures.form_component
walk_in = dossier_fixtures.walk_in

NOW = vn(2026, 3, 2, 9, 0)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def received(walk_in, clock, settings):
    """Citizen A's walk-in dossier, its "received" event dispatched as the worker would."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dossier = walk_in(at=NOW)
    dispatch(dossier, Action.RECEIVE)
    return dossier


def dispatch(dossier, action):
    event = Event.objects.filter(dossier=dossier, action=action).latest("sequence")
    dispatch_event.call(event.pk)
    return event
