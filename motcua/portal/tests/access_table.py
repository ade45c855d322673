"""What each URL pattern answers a GET from an anonymous visitor and from a signed-in citizen
(test_access_matrix.py). ``None`` for the citizen: not checked (a public or citizen page, whose
per-record access is tested beside the view). The example parameters name no record, so a
public page about one record answers 404 (MISSING), and a protected one must send the visitor
to sign in before it even looks."""

from __future__ import annotations

import enum


class Outcome(enum.Enum):
    OK = "200"
    MISSING = "404"
    FORBIDDEN = "403"
    UNAUTHORIZED = "401"
    POST_ONLY = "405"
    BAD_REQUEST = "400"
    REDIRECT = "redirect elsewhere"
    LOGIN = "/accounts/login/"
    OFFICER_LOGIN = "/backoffice/login/"
    ADMIN_LOGIN = "/admin/login/"

    @classmethod
    def from_status(cls, status: int) -> Outcome:
        for member in cls:
            if member.value == str(status):
                return member
        raise AssertionError(f"unexpected status {status}")


Out = Outcome
# Every page of the administration not listed below: sign in to the admin first, citizens too.
ADMIN_DEFAULT = (Out.ADMIN_LOGIN, Out.ADMIN_LOGIN)

EXPECTED: dict[str, tuple[Outcome, Outcome | None]] = {
    # Citizen portal: public catalogue and tracking; a citizen's own records need sign-in.
    "portal:home": (Out.OK, Out.OK),
    "portal:account": (Out.LOGIN, Out.OK),
    "portal:procedures:index": (Out.OK, Out.OK),
    "portal:procedures:detail": (Out.MISSING, Out.MISSING),
    "portal:procedures:form": (Out.MISSING, Out.MISSING),
    "portal:track": (Out.OK, Out.OK),
    "portal:dossiers": (Out.LOGIN, Out.OK),
    "portal:dossier": (Out.LOGIN, Out.MISSING),
    "portal:dossier_file": (Out.LOGIN, Out.MISSING),
    "portal:dossier_readers": (Out.LOGIN, Out.MISSING),
    "portal:supplement": (Out.LOGIN, Out.MISSING),
    "portal:withdraw": (Out.LOGIN, Out.MISSING),
    "portal:assisted_confirm": (Out.LOGIN, Out.MISSING),
    "portal:store": (Out.LOGIN, Out.OK),
    "portal:store_file": (Out.LOGIN, Out.MISSING),
    "portal:apply": (Out.LOGIN, Out.MISSING),
    "portal:draft_step": (Out.LOGIN, Out.MISSING),
    "portal:draft_review": (Out.LOGIN, Out.MISSING),
    # Operations (motcua/operations): health for the balancer; metrics for loopback and
    # METRICS_ALLOWED_NETWORKS only — the test client calls from 127.0.0.1 (outside addresses
    # are refused in motcua/operations/tests).
    "operations:live": (Out.OK, Out.OK),
    "operations:ready": (Out.OK, Out.OK),
    "operations:metrics": (Out.OK, Out.OK),
    # Sign-in, registration, password reset.
    "accounts:login": (Out.OK, Out.REDIRECT),
    "accounts:logout": (Out.POST_ONLY, Out.POST_ONLY),
    "accounts:home": (Out.LOGIN, Out.REDIRECT),
    "accounts:register": (Out.OK, Out.OK),
    "accounts:verify": (Out.REDIRECT, Out.REDIRECT),
    "accounts:password_reset": (Out.OK, Out.OK),
    "accounts:password_reset_done": (Out.OK, Out.OK),
    "accounts:password_reset_confirm": (Out.OK, Out.OK),
    "accounts:password_reset_complete": (Out.OK, Out.OK),
    # Back office: officers only; a citizen is refused (403).
    "backoffice:home": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:login": (Out.OK, Out.REDIRECT),
    "backoffice:queue": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    # The second factor after the password: without a password just checked, back to sign-in.
    "backoffice:second_factor_verify": (Out.OFFICER_LOGIN, Out.OFFICER_LOGIN),
    "backoffice:second_factor_enrol": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    # The enrolment's QR code exists only while an enrolment is pending.
    "backoffice:second_factor_qr": (Out.MISSING, Out.MISSING),
    # The officer's own security page (authenticator app, recovery codes).
    "backoffice:security": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:security_enrol": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:second_factor_codes": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:second_factor_new_codes": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:bulk_assign": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:intake": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:intake_form": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    # Assisted online filing: desk officers only; a consent request is the officer's own.
    "backoffice:assisted_start": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:assisted_consent": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:assisted_qr": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:assisted_file": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:dossier": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:file": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "backoffice:act": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    # Issued forms: the register is the desk's; a dossier's form is shown to those who may see the dossier.
    "notices:register": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    # The boundary-free register: officers and managers, each their own units' rows.
    "notices:boundary_free": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "notices:document": (Out.LOGIN, Out.MISSING),
    # Public verification of issued documents.
    "signatures:verify": (Out.OK, Out.OK),
    "signatures:issued": (Out.MISSING, Out.MISSING),
    # Payments: citizens' own transactions; gateway returns and callbacks check signatures; the demo gateway and demo national platform.
    "payments:pay": (Out.LOGIN, Out.MISSING),
    "payments:cash": (Out.LOGIN, Out.MISSING),
    "payments:transaction": (Out.LOGIN, Out.MISSING),
    "payments:receipt": (Out.LOGIN, Out.MISSING),
    "payments:return": (Out.MISSING, Out.MISSING),
    "payments:ipn": (Out.MISSING, Out.MISSING),
    "payments:demo_pay": (Out.BAD_REQUEST, Out.BAD_REQUEST),
    "payments:paygov_request": (Out.POST_ONLY, Out.POST_ONLY),
    "payments:paygov_lookup": (Out.UNAUTHORIZED, Out.UNAUTHORIZED),
    "payments:paygov_pay": (Out.MISSING, Out.MISSING),
    # A dossier's notifications.
    "notifications:dossier": (Out.LOGIN, Out.MISSING),
    # Postal service, demo national systems; callbacks are POST only.
    "integrations:demo-dvcqg": (Out.ADMIN_LOGIN, Out.ADMIN_LOGIN),
    "integrations:demo-dvcqg-token": (Out.POST_ONLY, Out.POST_ONLY),
    "integrations:postal_callback": (Out.POST_ONLY, Out.POST_ONLY),
    "integrations:postal_request": (Out.OFFICER_LOGIN, Out.MISSING),
    "integrations:postal_retry": (Out.OFFICER_LOGIN, Out.MISSING),
    "integrations:demo_post_create": (Out.POST_ONLY, Out.POST_ONLY),
    "integrations:demo_post_status": (Out.UNAUTHORIZED, Out.UNAUTHORIZED),
    "integrations:demo_post_cancel": (Out.POST_ONLY, Out.POST_ONLY),
    "integrations:population_demo_lookup": (Out.POST_ONLY, Out.POST_ONLY),
    # Feedback (PAKN): public answers and submission; the office is for officers.
    "feedback:published": (Out.OK, Out.OK),
    "feedback:answer_detail": (Out.MISSING, Out.MISSING),
    "feedback:vote": (Out.POST_ONLY, Out.POST_ONLY),
    "feedback:submit": (Out.OK, Out.OK),
    "feedback:track_lookup": (Out.OK, Out.OK),
    "feedback:track": (Out.MISSING, Out.MISSING),
    "feedback:mine": (Out.LOGIN, Out.OK),
    "feedback:my_detail": (Out.LOGIN, Out.MISSING),
    "feedback:my_supplement": (Out.LOGIN, Out.POST_ONLY),
    "feedback:rate": (Out.LOGIN, Out.MISSING),
    "feedback:queue": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "feedback:rate_on_behalf": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "feedback:office_detail": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "feedback:act": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    # Citizen surveys: answered through the citizen's own dossier (sign in first), an SMS link
    # or a counter's public page; a campaign that does not exist is not found. Results and
    # exports for managers (motcua/feedback/surveys/tests for the other unit's manager).
    "feedback:surveys:dossier": (Out.LOGIN, Out.MISSING),
    "feedback:surveys:sms": (Out.MISSING, Out.MISSING),
    "feedback:surveys:counter": (Out.MISSING, Out.MISSING),
    "feedback:surveys:thanks": (Out.MISSING, Out.MISSING),
    "feedback:surveys:counter_thanks": (Out.MISSING, Out.MISSING),
    "feedback:surveys:index": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "feedback:surveys:create": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "feedback:surveys:results": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "feedback:surveys:edit": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "feedback:surveys:close": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "feedback:surveys:invite": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "feedback:surveys:export": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    # Reports: officers only.
    "reports:index": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "reports:indicator": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "reports:periodic": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "reports:evaluation": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "reports:online_share": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "reports:export": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "reports:export_status": (Out.OFFICER_LOGIN, Out.MISSING),
    "reports:export_download": (Out.OFFICER_LOGIN, Out.MISSING),
    # --- counter equipment (#20 item 3; motcua/counter/tests) ---
    # Kiosk, printed ticket and board: public, bound to a centre with an open counter (none here);
    # the tablet: its counter's device token; desk and report: officers (the unit's desk
    # officers, its managers).
    "counter:kiosk": (Out.MISSING, Out.MISSING),
    "counter:ticket": (Out.MISSING, Out.MISSING),
    "counter:board": (Out.MISSING, Out.MISSING),
    "counter:tablet": (Out.MISSING, Out.MISSING),
    "counter:desk": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "counter:desk_act": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "counter:report": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    # --- end counter equipment ---
    # The remittance to the treasury: officers only; the unit's accountant, its managers and
    # agency leaders (per unit, motcua/reports/tests/test_remittance_pages.py).
    "reports:remittance_index": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "reports:remittance_month": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "reports:remittance_record": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "reports:remittance_sign": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    "reports:remittance_export": (Out.OFFICER_LOGIN, Out.FORBIDDEN),
    # Language switch (POST).
    "set_language": (Out.POST_ONLY, Out.POST_ONLY),
    # REST API v1: catalogue public; dossiers and reports need an OAuth2 client token (401).
    "api:root": (Out.OK, Out.OK),
    "api:token": (Out.POST_ONLY, Out.POST_ONLY),
    "api:procedure-list": (Out.OK, Out.OK),
    "api:procedure-detail": (Out.MISSING, Out.MISSING),
    "api:agency-list": (Out.OK, Out.OK),
    "api:agency-detail": (Out.MISSING, Out.MISSING),
    "api:dossier-list": (Out.UNAUTHORIZED, Out.UNAUTHORIZED),
    "api:dossier-detail": (Out.UNAUTHORIZED, Out.UNAUTHORIZED),
    "api:dossier-document": (Out.UNAUTHORIZED, Out.UNAUTHORIZED),
    "api:dossier-action": (Out.UNAUTHORIZED, Out.UNAUTHORIZED),
    "api:tracking": (Out.BAD_REQUEST, Out.BAD_REQUEST),
    "api:report-periodic": (Out.UNAUTHORIZED, Out.UNAUTHORIZED),
    "api:report-index766": (Out.UNAUTHORIZED, Out.UNAUTHORIZED),
    "api:demo-webhook-receiver": (Out.POST_ONLY, Out.POST_ONLY),
    "api:unknown": (Out.MISSING, Out.MISSING),
    # Administration: the sign-in page itself; logout is a POST (GET is sent back).
    # The reorganisation page of an agency (motcua/dossiers/admin_reorganisation.py): the admin's
    # sign-in first; superusers only once signed in (a staff officer gets 403, tested beside it).
    "admin:agencies_agency_reorganise": (Out.ADMIN_LOGIN, Out.ADMIN_LOGIN),
    "admin:login": (Out.OK, Out.OK),
    "admin:logout": (Out.REDIRECT, Out.REDIRECT),
    # The demo identity provider (VNeID mô phỏng).
    "oauth2_provider:vneid-login": (Out.OK, Out.OK),
    "oauth2_provider:authorize": (Out.REDIRECT, Out.BAD_REQUEST),
    "oauth2_provider:token": (Out.POST_ONLY, Out.POST_ONLY),
    "oauth2_provider:user-info": (Out.UNAUTHORIZED, Out.UNAUTHORIZED),
    "oauth2_provider:jwks-info": (Out.OK, Out.OK),
    "oauth2_provider:oidc-connect-discovery-info": (Out.OK, Out.OK),
    "oauth2_provider:oauth-server-metadata": (Out.OK, Out.OK),
    # Sign-in with VNeID (the portal as OpenID Connect client).
    "oidc_authentication_callback": (Out.LOGIN, Out.LOGIN),
    "oidc_authentication_init": (Out.REDIRECT, Out.REDIRECT),
    "oidc_logout": (Out.POST_ONLY, Out.POST_ONLY),
}
