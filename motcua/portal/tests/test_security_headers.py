"""Every response carries the Content-Security-Policy and Permissions-Policy; the pages need
no inline script or style; production settings (DEBUG off) redirect to HTTPS, send HSTS and
pass `check --deploy` without a warning (#17 item 10)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from motcua.portal.headers import content_security_policy

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@pytest.mark.parametrize(
    "address", ["/", "/procedures/", "/accounts/login/", "/admin/login/", "/khong-co/", "/api/v1/"]
)
def test_every_kind_of_response_carries_the_policies(client, address):
    response = client.get(address)
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert policy["form-action"][0] == "'self'"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_form_action_lists_the_places_a_form_legitimately_sends_the_browser(settings, monkeypatch):
    settings.SITE_URL = "https://dichvucong.example.vn"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://sso.vneid.example/oauth/authorize"
    settings.CSP_FORM_ACTION = ["https://pay.bank.example/checkout", "javascript:alert(1)"]
    monkeypatch.setenv("PAYGOV_URL", "https://paygov.example.vn/api/")
    sources = _directives(content_security_policy())["form-action"]
    assert sources == [
        "'self'",
        "https://dichvucong.example.vn",
        "https://sso.vneid.example",
        "https://paygov.example.vn",
        "https://pay.bank.example",
    ]


INLINE = re.compile(
    rb"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>|<style|\sstyle="
)
PUBLIC_PAGES = ["/", "/procedures/", "/track/", "/accounts/login/", "/accounts/register/"]
PUBLIC_PAGES += ["/feedback/", "/feedback/submit/", "/signatures/verify/", "/backoffice/login/"]
PUBLIC_PAGES += ["/admin/login/"]


@pytest.mark.parametrize("address", PUBLIC_PAGES)
def test_pages_have_no_inline_script_or_style(client, address):
    response = client.get(address)
    assert response.status_code == 200
    assert not INLINE.findall(response.content), INLINE.findall(response.content)


def test_officer_and_admin_pages_have_no_inline_script_or_style(client, people):
    client.force_login(people.desk_x)
    for address in ("/backoffice/", "/backoffice/queue/", "/backoffice/intake/", "/reports/"):
        body = client.get(address).content
        assert not INLINE.findall(body), (address, INLINE.findall(body))


def _production(*command: str, **extra: str) -> subprocess.CompletedProcess:
    keep = {"PATH", "HOME", "LANG", "VAR_DIR", "MEDIA_ROOT"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    env |= {
        "SECRET_KEY": "a-long-random-production-like-secret-" + "x7Qp" * 10,
        "ALLOWED_HOSTS": "motcua.example.gov.vn",
        "SITE_URL": "https://motcua.example.gov.vn",
        "PAYMENT_DEMO_SECRET": "check-deploy",
        "PAYGOV_SECRET": "check-deploy",
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
    } | extra
    return subprocess.run(  # noqa: S603 - this Python, fixed arguments
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy_without_a_warning():
    done = _production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_settings_redirect_to_https_and_send_hsts():
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.DEBUG, settings.SECURE_SSL_REDIRECT, "
        "settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "settings.SESSION_COOKIE_SECURE, "
        "settings.OAUTH2_PROVIDER['ALLOWED_REDIRECT_URI_SCHEMES']]))"
    )
    done = _production("-c", script)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [False, True, 365 * 24 * 3600, True, True, ["https"]]


def test_the_load_balancers_probes_are_exempt_beside_the_provinces_own():
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.SECURE_REDIRECT_EXEMPT))"
    )
    done = _production("-c", script, SECURE_REDIRECT_EXEMPT=r"^status/ping$")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [r"^status/ping$", r"^health/", r"^metrics$"]
