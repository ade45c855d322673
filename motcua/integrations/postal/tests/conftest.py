"""A walk-in dossier of citizen A whose result goes by post, taken through the whole process to
RESULT_READY by the services (backoffice/tests/states.py), and helpers that act as the demo
operator's postman and as its push."""

import pytest
import time_machine

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.backoffice.tests.states import cast, scans, through_to_result  # noqa: F401
from motcua.dossiers.constants import Delivery
from motcua.dossiers.services import ComponentInput
from motcua.dossiers.tests.conftest import (  # noqa: F401
    applicant,
    form_component,
    version,
    vn,
    walk_in,
)
from motcua.integrations.models import DemoShipmentEvent, PostalOrder
from motcua.integrations.postal import services
from motcua.integrations.postal.contrib.demo import operator
from motcua.integrations.postal.contrib.demo.tasks import push_event

ADDRESS = "Số 12 đường Lê Lợi, phường Thử X, tỉnh Thử Nghiệm"


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _quick_stall(monkeypatch):
    # The demo operator's "timeout" mode stalls this long before its 504 (in-process, the
    # client cannot cut it short): no need to wait in tests.
    monkeypatch.setenv("DEMO_POST_TIMEOUT_SECONDS", "0")


@pytest.fixture
def registry_x(tree):
    return make_officer("Trịnh Thị Mai", unit=tree.commune_x, role=Role.REGISTRY_CLERK)


@pytest.fixture
def clock():
    with time_machine.travel(vn(2026, 3, 4, 9, 0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def ready(walk_in, form_component, scans, cast):  # noqa: F811
    """Citizen A's dossier, the result ready at commune X's desk, to be sent by post."""
    component = ComponentInput(
        name="Tờ khai", component=form_component, files=scans, paper_originals=1
    )
    dossier = walk_in(
        components=[component],
        delivery=Delivery.POST,
        delivery_address=ADDRESS,
        at=vn(2026, 3, 2, 9, 30),
    )
    return through_to_result(dossier, cast)


@pytest.fixture
def order_for(people):
    """Place an order for a dossier as commune X's desk officer: ``order_for(dossier)``."""

    def make(dossier, **changes):
        values = {
            "recipient_name": "Nguyễn Văn An",
            "phone": "0912 345 678",
            "address": ADDRESS,
        } | changes
        return services.request_delivery(dossier, actor=people.desk_x, **values)

    return make


@pytest.fixture
def sent(ready, order_for, clock):
    """The order placed and accepted by the demo operator (the task ran)."""
    order = order_for(ready)
    assert services.send_order(order.pk) == "accepted"
    order.refresh_from_db()
    return order


def postman(order: PostalOrder, status: str, **kwargs) -> DemoShipmentEvent:
    """The demo operator's scan of the shipment (no push yet)."""
    return operator.advance(order.tracking_code, status, **kwargs)


def push(event: DemoShipmentEvent) -> str:
    """The operator's push task for ``event`` (after commit, in real life)."""
    return push_event.call(event.pk)
