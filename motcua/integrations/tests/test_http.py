"""The in-process transport answers a demo twin's URL through the whole Django stack."""

import pytest

from motcua.integrations.http import InProcessAdapter, demo_base, session_for


def test_a_url_of_this_site_is_answered_in_process(db, settings):
    session = session_for(demo_base("anything"))
    assert isinstance(session.get_adapter(settings.SITE_URL + "/x"), InProcessAdapter)
    response = session.get(
        settings.SITE_URL + "/api/v1/agencies/", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert "results" in response.json()
    missing = session.get(settings.SITE_URL + "/api/v1/no-such-thing/")
    assert missing.status_code == 404


def test_another_host_goes_over_the_network(settings):
    session = session_for("https://dichvucong.gov.vn/api/")
    assert not isinstance(session.get_adapter("https://dichvucong.gov.vn/api/x"), InProcessAdapter)


@pytest.mark.parametrize("value", ["false", "0", "no"])
def test_in_process_can_be_switched_off(monkeypatch, settings, value):
    monkeypatch.setenv("INTEGRATIONS_IN_PROCESS", value)
    session = session_for(demo_base("dvcqg"))
    assert not isinstance(session.get_adapter(settings.SITE_URL + "/x"), InProcessAdapter)
