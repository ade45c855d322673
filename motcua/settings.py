"""The one settings module. Everything comes from the environment (see docs/configuration.md).

Insecure conveniences (a fixed SECRET_KEY, console e-mail) exist only when DEBUG is on;
with DEBUG off the process refuses to start without its secrets.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (DEBUG is off, so no default is used)."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public address of this site, used in QR codes and e-mails that must link back here.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Whether the QR code of an issued document also holds the applicant's identity code (TT 01/2023
# lists it; off because anyone who sees the paper reads the code: ND 13/2023, minimisation).
QR_APPLICANT_ID = env_bool("QR_APPLICANT_ID", False)

INSTALLED_APPS = [
    # django.contrib.admin with a site that asks officers' second factor (motcua/siteadmin/site.py).
    "motcua.siteadmin.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "motcua.siteadmin.apps.TasksConfig",  # django_tasks, named in Vietnamese
    "motcua.siteadmin.apps.TasksDatabaseConfig",  # django_tasks_db, named in Vietnamese
    # Officers' second factor (docs/security.md): authenticator-app codes and recovery codes.
    "django_otp",
    "motcua.siteadmin.apps.TotpConfig",  # django_otp.plugins.otp_totp, named in Vietnamese
    "motcua.siteadmin.apps.StaticConfig",  # django_otp.plugins.otp_static, named in Vietnamese
    # Our apps, lowest layer first (see docs/architecture.md).
    "motcua.worktime",
    "motcua.accounts",
    "motcua.agencies",
    "motcua.catalog",
    "motcua.documents",
    "motcua.dossiers",
    "motcua.audit",
    "motcua.notices",
    "motcua.signatures",
    "motcua.payments",
    "motcua.notifications",
    "motcua.integrations",
    "motcua.feedback",
    "motcua.reports",
    # --- counter equipment (#20 item 3; docs/counter.md): queue tickets, board, tablet ---
    "motcua.counter",
    # --- end counter equipment ---
    "motcua.portal",
    "motcua.backoffice",
    "motcua.api",
    "motcua.demo",
]

MIDDLEWARE = [
    # First: a body over the address's limit is refused by its Content-Length before anything
    # (the CSRF check included) reads it (#17 item 1; motcua/documents/bodylimit.py).
    "motcua.documents.bodylimit.RequestSizeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Account choice, then the switcher's cookie, then Vietnamese; never Accept-Language.
    # Before CommonMiddleware, so that its errors (400 for an unknown host) are translated too.
    "motcua.accounts.language.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which second-factor device verified this session; then a session that needed one and has
    # none is signed out, whichever way it was opened (motcua/backoffice/second_factor/).
    "motcua.backoffice.second_factor.middleware.VerifiedSessionMiddleware",
    "motcua.backoffice.second_factor.middleware.SecondFactorMiddleware",
    # Reads, sign-ins and refusals noted by the request, inserted in one query at its end.
    "motcua.audit.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "motcua.portal.errors.FriendlyNotFoundMiddleware",
    # Before any view: a NUL byte in the address is a 400, never a database error (#17 item 9).
    "motcua.portal.errors.ControlCharacterMiddleware",
]
# With DEBUG on, unknown addresses still get the site's own 404 page; set this to see Django's
# technical 404 (the list of URL patterns) while developing.
DEBUG_TECHNICAL_404 = env_bool("DEBUG_TECHNICAL_404", False)
CSRF_FAILURE_VIEW = "motcua.portal.errors.csrf_failure"

ROOT_URLCONF = "motcua.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "motcua" / "templates"],
        "OPTIONS": {
            # Django's cached loader over the project's and the apps' templates, remembering
            # the output of constant tags per language (motcua/template_loader.py).
            "loaders": [
                (
                    "motcua.template_loader.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            # {% form_fields form %}: includes/form.html drawn in Python (motcua/form_renderer.py).
            "libraries": {"form_fields": "motcua.form_renderer"},
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Django's renderer, with plain inputs and text areas drawn in Python (motcua/form_renderer.py).
FORM_RENDERER = "motcua.form_renderer.FormRenderer"

WSGI_APPLICATION = "motcua.wsgi.application"

# Database: PostgreSQL in production and CI, SQLite as the embedded default.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the task worker share the file: wait for locks instead of failing,
    # and take the write lock at BEGIN so two writers never deadlock on an upgrade.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["motcua.accounts.backends.IdentifierBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "portal:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Vietnamese first, English selectable; stored in UTC, shown in Vietnam time.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "motcua" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # Replaced by an S3-compatible store when STORAGE_URL is set (the production stack's block).
    # A failed write (a full disk) leaves no partial file (motcua/operations/storage_local.py).
    "default": {"BACKEND": "motcua.operations.storage_local.LocalStorage"},
    "staticfiles": {
        # Hashed, compressed files need `collectstatic`; off in development and tests.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
# Files browsers ask for at the site root (/favicon.ico), served as they are, without collectstatic.
WHITENOISE_ROOT = BASE_DIR / "motcua" / "root"

# --- shared state: cache, limits and sessions on Redis (#19 item 1) ---
# "throttle" holds the counts of the brute-force and flood limits (sign-in back-off,
# verification, public tracking, callbacks; #17 items 2-3): it must be shared by every web
# process, so it is Redis when REDIS_URL says so (CACHE_URL, its older name, still works), else
# a table of the database (created by migrate). "default" is Redis too, else each process's
# memory. With Redis, sessions are read from it and written through to the database
# (cached_db): a Redis restart signs nobody out.
REDIS_URL = os.environ.get("REDIS_URL", "") or os.environ.get("CACHE_URL", "")
CACHE_URL = REDIS_URL  # the older name, read by nothing else
REDIS_KEY_PREFIX = os.environ.get("REDIS_KEY_PREFIX", "motcua")
if REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    _redis_options = {"socket_connect_timeout": 2, "socket_timeout": 2}
    # Redis down degrades, never a 500 (#19 item 4; motcua/operations/cache.py): "default"
    # misses (sessions are read from the database), "throttle" falls back to its database
    # table, so the limits keep holding.
    CACHES = {
        "default": {
            "BACKEND": "motcua.operations.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_KEY_PREFIX,
            "OPTIONS": _redis_options,
        },
        "throttle": {
            "BACKEND": "motcua.operations.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{REDIS_KEY_PREFIX}:throttle",
            "OPTIONS": _redis_options,
            "FALLBACK": "throttle_fallback",
        },
        "throttle_fallback": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "motcua_throttle_cache",
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif REDIS_URL:
    raise ImproperlyConfigured(f"REDIS_URL must be a redis:// address, not {REDIS_URL!r}")
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "throttle": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "motcua_throttle_cache",
        },
    }
# How long a process trusts the working calendars it has read before it checks their revisions
# again (a holiday added in another process is seen within this time; in the same process at
# once), and the dossier rule sets it has read before it reads them again (the same for a rule
# set changed in the admin: motcua/dossiers/rulesets.py). 0: checked on every read.
CALENDAR_RECHECK_SECONDS = float(os.environ.get("CALENDAR_RECHECK_SECONDS") or 10)
# --- end shared state ---

# Sign-in back-off (#17 item 3, motcua/accounts/signin_limits.py): wrong passwords of one
# account from one address before a wait starts, and the longest wait in seconds.
SIGNIN_FREE_TRIES = int(os.environ.get("SIGNIN_FREE_TRIES") or 5)
SIGNIN_MAX_DELAY = int(os.environ.get("SIGNIN_MAX_DELAY") or 15 * 60)
# Officers' second factor (xác thực hai lớp; #17 item 4, docs/security.md). Required of every
# officer and admin account; it can be switched off only with DEBUG on, where the roles in
# OFFICER_2FA_ROLES (agency roles, "administrator" also covering admin-site accounts) still need it.
OFFICER_2FA_REQUIRED = env_bool("OFFICER_2FA_REQUIRED", True)
if not OFFICER_2FA_REQUIRED and not DEBUG:
    raise ImproperlyConfigured(
        "OFFICER_2FA_REQUIRED=false is refused with DEBUG off: officers and administrators must "
        "sign in with a second factor in production."
    )
OFFICER_2FA_ROLES = env_list("OFFICER_2FA_ROLES", "administrator")
# The demo's own officer accounts (`manage.py demo`, group "Tài khoản trình diễn") sign in with
# the published demo password only. On by default with DEBUG (`make run`); refused without it.
DEMO_OFFICERS_SKIP_2FA = env_bool("DEMO_OFFICERS_SKIP_2FA", DEBUG)
if DEMO_OFFICERS_SKIP_2FA and not DEBUG:
    raise ImproperlyConfigured("DEMO_OFFICERS_SKIP_2FA is only allowed with DEBUG on.")
# The name an authenticator app shows beside the account.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "motcua")
# Wrong codes are throttled by the sign-in back-off (motcua/accounts/throttle.py), with a
# message; django-otp's own silent per-device delay would refuse a right code unexplained.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Registrations one address may send an hour (a taken number answers like a free one, but the
# sender's mailbox still tells: limit how many numbers one address can try).
REGISTRATIONS_PER_HOUR = int(os.environ.get("REGISTRATIONS_PER_HOUR") or 10)

# Request size limits (#17 item 1, docs/security.md): forms and JSON without files, the whole
# body of a form with files, server-to-server callbacks. Each file is also stopped while it
# streams once over the largest size a file may have there (CountingUploadHandler).
REQUEST_MAX_BYTES = int(os.environ.get("REQUEST_MAX_BYTES") or 1024 * 1024)
UPLOAD_REQUEST_MAX_BYTES = int(os.environ.get("UPLOAD_REQUEST_MAX_BYTES") or 101 * 1024 * 1024)
CALLBACK_MAX_BYTES = int(os.environ.get("CALLBACK_MAX_BYTES") or 16 * 1024)
# Django's own cap on a body read into memory (not files streamed to disk). The size guard above
# already refuses, before reading, any body over its address's limit; only the addresses that
# take files in a JSON body (the API's dossier creation and actions, base64) reach this, so it
# is theirs: the whole upload request.
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_REQUEST_MAX_BYTES
# Server-to-server callbacks (payment notifications, postal status) one address may send a minute.
CALLBACK_RATE_PER_MINUTE = int(os.environ.get("CALLBACK_RATE_PER_MINUTE") or 120)
FILE_UPLOAD_HANDLERS = [
    "motcua.documents.bodylimit.CountingUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Background work: django-tasks with its database backend, so enqueueing a task is a row
# written in the same transaction as the state change that caused it (transactional outbox).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# A running task's lease (#17 item 8, motcua/siteadmin/leases.py): a worker renews it every
# quarter of this; a RUNNING task without one is put back in the queue by send_notifications.
TASK_LEASE_SECONDS = int(os.environ.get("TASK_LEASE_SECONDS") or 120)

# E-mail: console output in development; SMTP settings from the environment otherwise.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "motcua <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- security headers and HTTPS (#17 item 10): motcua/security_settings.py ---
from motcua.security_settings import *  # noqa: E402, F403

MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "motcua.portal.headers.SecurityHeadersMiddleware",
)
# The register of personal data breaches (Decree 13/2023 art. 23; docs/security.md).
INSTALLED_APPS.insert(INSTALLED_APPS.index("motcua.audit") + 1, "motcua.privacy")
# --- end security headers and HTTPS ---

# REST API v1 (docs/api.md). JSON only; the browsable API only while developing.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "motcua.api.pagination.Cursor",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "motcua.api.problems.handle_exception",
    # Rate limits count per caller address. Behind N reverse proxies set API_NUM_PROXIES=N so
    # the caller is read from X-Forwarded-For; 0 (the default): the connection's address, and
    # a forged X-Forwarded-For changes nothing.
    "NUM_PROXIES": int(os.environ.get("API_NUM_PROXIES") or 0),
}
# Requests per address to the public resources (catalogue, agencies): "<n>/<second|minute|hour|day>".
API_PUBLIC_RATE = os.environ.get("API_PUBLIC_RATE", "120/minute")
# Calls per API client (OAuth2 client credentials) to the resources that need a token.
API_CLIENT_RATE = os.environ.get("API_CLIENT_RATE", "600/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "motcua API",
    "DESCRIPTION": (
        "REST API v1 of the motcua one-stop administrative procedure system. "
        "Integrator's guide: docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ProcedureLevelEnum": "motcua.catalog.constants.ProcedureLevel",
        "AgencyLevelEnum": "motcua.agencies.constants.Level",
        "DossierStatusEnum": "motcua.dossiers.constants.Status",
        "StaffRoleEnum": "motcua.agencies.constants.Role",
        # Names the catalogue's resources had before the dossiers' came (the contract keeps them).
        "FeeLineKindEnum": "motcua.catalog.constants.FeeKind",
        "RoleEnum": "motcua.catalog.constants.AgencyRole",
        "ApplicantKindEnum": "motcua.dossiers.constants.ApplicantKind",
        "ResultKindEnum": "motcua.dossiers.models.parts.ResultKind",
        "IntakeChannelEnum": "motcua.api.constants.INTAKE_CHANNELS",
        "ChannelEnum": "motcua.catalog.constants.Channel",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- identity (OIDC) ---
# The demo VNeID provider and the portal's OpenID Connect client: docs/identity.md.
from motcua.accounts.oidc_settings import *  # noqa: E402, F403

# oauth2_provider, named in Vietnamese in the admin (motcua/siteadmin/apps.py).
INSTALLED_APPS += ["motcua.siteadmin.apps.IdentityProviderConfig", "mozilla_django_oidc"]
AUTHENTICATION_BACKENDS += ["motcua.accounts.oidc.VneidBackend"]
# --- end identity (OIDC) ---

# API clients share django-oauth-toolkit with the demo provider; each kind of application
# obtains only its own scopes (motcua/api/scopes.py, docs/api.md).
OAUTH2_PROVIDER["SCOPES_BACKEND_CLASS"] = "motcua.api.scopes.ClientScopes"  # noqa: F405
# The package's own model, named so that migrations referring to it (api.ApiClient) resolve.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"

# --- production stack (#19; docs/deployment.md) ---
# Files: STORAGE_URL=s3://BUCKET?endpoint_url=http://host:9000&region_name=...&location=prefix
# puts every stored file in an S3-compatible store (credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or s3://KEY:SECRET@BUCKET). Empty: the local folder MEDIA_ROOT.
from motcua.operations.storage_url import storage_from_url  # noqa: E402

STORAGE_URL = os.environ.get("STORAGE_URL", "")
if STORAGE_URL:
    STORAGES["default"] = storage_from_url(STORAGE_URL)

# A read replica for the reports (motcua/operations/routers.py): report pages and the report
# API read from it; everything else, and every write, from "default". Reports tolerate its lag.
REPORTS_DATABASE_URL = os.environ.get("REPORTS_DATABASE_URL", "")
if REPORTS_DATABASE_URL:
    DATABASES["reports"] = dj_database_url.parse(
        REPORTS_DATABASE_URL,
        conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["reports"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["motcua.operations.routers.ReportsReplicaRouter"]

INSTALLED_APPS += ["motcua.operations"]
# First of all: the request id and the access log line cover everything below, the refusals of
# the size guard included.
MIDDLEWARE.insert(0, "motcua.operations.requests.RequestObservationMiddleware")
MIDDLEWARE.append("motcua.operations.routers.ReportsReplicaMiddleware")
# A database, file store or disk that fails mid-request: 503 with a clear message (outages.py).
MIDDLEWARE.append("motcua.operations.outages.PartDownMiddleware")

# /metrics answers callers from these networks only (the load balancer also refuses it from
# outside), or any caller presenting "Authorization: Bearer <METRICS_TOKEN>".
METRICS_ALLOWED_NETWORKS = env_list("METRICS_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128")
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# /health/ready calls the queue "stalled" when the oldest task due has waited longer than this.
HEALTH_QUEUE_MAX_AGE = int(os.environ.get("HEALTH_QUEUE_MAX_AGE") or 600)
# Health checks and scrapes come over plain HTTP from inside: never redirected to HTTPS.
SECURE_REDIRECT_EXEMPT += [r"^health/", r"^metrics$"]  # noqa: F405

# Logs: LOG_FORMAT=json writes one JSON object a line (the stack's choice); every line carries
# the request id (X-Request-ID, else generated), in the web process and in the task worker.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING["filters"] = {"request_id": {"()": "motcua.operations.logs.RequestIdFilter"}}
LOGGING["formatters"]["json"] = {"()": "motcua.operations.logs.JsonFormatter"}
LOGGING["handlers"]["console"]["filters"] = ["request_id"]
if LOG_FORMAT == "json":
    LOGGING["handlers"]["console"]["formatter"] = "json"
elif LOG_FORMAT != "plain":
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}")
# --- end production stack ---
