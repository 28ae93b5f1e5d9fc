"""Settings for safeplan. Everything comes from environment variables (see README, "Configuration").

Development and tests need nothing set: SQLite in ./var, a generated secret. Production sets
SAFEPLAN_PRODUCTION=true and must then provide DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import nhsuk_frontend_jinja
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from safeplan.config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PRODUCTION = env_bool("SAFEPLAN_PRODUCTION", False)
DEBUG = env_bool("DJANGO_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when SAFEPLAN_PRODUCTION is on.")

if PRODUCTION:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated) in production.")
else:
    # A fixed development key is safe only because development data is synthetic.
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", "safeplan-development-only-key-never-use-in-production-0123456789")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# Keys the audit chain's checkpoints (audit/checkpoints.py): never stored in the database. Required in production;
# the fixed development key is no secret, so checkpoints made with it prove nothing.
AUDIT_KEY = env_str("SAFEPLAN_AUDIT_KEY", None if PRODUCTION else "safeplan-development-only-audit-key-not-a-secret")

# E-mail (invitations, reminders): SMTP settings from Django's EMAIL_* variables in production; printed to the console
# in development and the demo, so nothing leaves the machine.
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587 if PRODUCTION else 25)
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", PRODUCTION)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
DEFAULT_FROM_EMAIL = env_str("SAFEPLAN_FROM_EMAIL", "safeplan <no-reply@safeplan.invalid>")
# Reminders of late concerns (concerns/notify.py) go through GOV.UK Notify when both of these are set, else by e-mail.
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
NOTIFY_LATE_CONCERN_TEMPLATE_ID = env_str("NOTIFY_LATE_CONCERN_TEMPLATE_ID", "")
if bool(NOTIFY_API_KEY) != bool(NOTIFY_LATE_CONCERN_TEMPLATE_ID):
    raise ImproperlyConfigured("Set both NOTIFY_API_KEY and NOTIFY_LATE_CONCERN_TEMPLATE_ID, or neither.")
# Reminders of reviews coming due and of training due go through Notify when this is set too (its placeholders:
# ((subject)), ((what_is_due)) and ((link))), else by e-mail.
NOTIFY_REMINDER_TEMPLATE_ID = env_str("NOTIFY_REMINDER_TEMPLATE_ID", "")
# Where links in e-mails sent by background jobs point (no request to build them from): in production the first
# allowed host over HTTPS, unless set.
_site_default: str | None = "http://127.0.0.1:8000"
if PRODUCTION:  # a wildcard host names no one site: then it must be set
    _site_default = None if ALLOWED_HOSTS[0][:1] in {".", "*"} else f"https://{ALLOWED_HOSTS[0]}"
SITE_URL = env_str("SAFEPLAN_SITE_URL", _site_default).rstrip("/")
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"SAFEPLAN_SITE_URL must start with https:// or http://, not {SITE_URL!r}.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",  # the job queue (a backport of Django 6's tasks), with its database backend
    "django_tasks_db",
    "safeplan.core",
    "safeplan.audit",
    "safeplan.people",
    "safeplan.crisis",  # before plans: the crisis page is the first link and the first thing on the person's home
    "safeplan.plans",
    "safeplan.harm",
    "safeplan.decisions",
    "safeplan.circle",
    "safeplan.concerns",
    "safeplan.summary",
    "safeplan.exports",
    "safeplan.followup",
    "safeplan.oversight",
    "safeplan.site",
]

MIDDLEWARE = [
    "safeplan.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "safeplan.core.middleware.LanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "safeplan.core.middleware.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "safeplan.people.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "safeplan.core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "safeplan.config.urls"
WSGI_APPLICATION = "safeplan.config.wsgi.application"
AUTH_USER_MODEL = "people.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [Path(nhsuk_frontend_jinja.__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "safeplan.config.jinja2.environment",
            "context_processors": ["safeplan.site.navigation.layout"],
        },
    },
    {
        # Django admin only.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

# --- Database: SQLite when DATABASE_URL is unset (or empty), PostgreSQL when set.
DATA_DIR = Path(env_str("SAFEPLAN_DATA_DIR", str(BASE_DIR / "var")))
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # No JIT compilation: for short queries it only adds work, and it spent 1.6 s of a 1.6 s measures query
        # compiling (bench/oversight.py, 2026-11-25). Added to any options DATABASE_URL gave.
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
        # Prepared statements (issue 16, ADR 0014): the hot path's own SQL (core/fixed_sql.py) is bound server-side,
        # and a statement a connection has run 5 times is prepared, so planning it is not paid again: planning was
        # most of what those statements cost the database (the record page's plans part: 1.1 ms planned each time,
        # 0.15 ms prepared). The ORM keeps client-side binding. Turn it off with SAFEPLAN_DB_PREPARED=false behind a
        # pooler that cannot keep prepared statements (PgBouncer in transaction mode).
        if env_bool("SAFEPLAN_DB_PREPARED", True):
            options.setdefault("prepare_threshold", 5)
else:
    if PRODUCTION:
        raise ImproperlyConfigured("Set DATABASE_URL to a PostgreSQL database in production.")
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "safeplan.sqlite3"),
            "OPTIONS": {
                # Read-then-write transactions would otherwise fail with "database is locked" under load.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # A file, not shared memory, so tests with concurrent writers wait for locks as production does.
            "TEST": {"NAME": str(DATA_DIR / "test-safeplan.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background jobs: django-tasks with its database backend; `safeplan db_worker` runs them (README, "Processes").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Finished "all my data" ZIPs: private files under the data directory, never under static or media, served only
# through the audited download (safeplan/exports).
EXPORTS_DIR = Path(env_str("SAFEPLAN_EXPORTS_DIR", str(DATA_DIR / "exports")))

# --- Accounts and sessions
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "safeplan.people.backends.UserBackend",  # Django's ModelBackend, reading the user with their record
]
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SAFEPLAN_IDLE_TIMEOUT_MINUTES", 30))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("SAFEPLAN_ABSOLUTE_TIMEOUT_HOURS", 12))
# The exact paths an idle session still opens: the crisis page (an open crisis page must not throw the person out)
# and the language switch on it. Not the wallet card or anything else: the rest signs out as usual, and the absolute
# limit applies everywhere.
SESSION_IDLE_EXEMPT_PATHS = frozenset({"/your-record/crisis/", "/language/"})
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Login throttling (django-axes, stored in the database so every app process sees it).
AXES_FAILURE_LIMIT = env_int("SAFEPLAN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SAFEPLAN_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "safeplan.core.views.auth.locked_out"
AXES_VERBOSE = False  # its log lines carry usernames and addresses
AXES_IPWARE_PROXY_COUNT = env_int("SAFEPLAN_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Second factor (ADR 0007): TOTP for every staff role, optional for everyone else. Not an environment variable, so
# no deployment can be configured out of it; the tests' conftest.py turns it off except where a test turns it on.
SAFEPLAN_REQUIRE_SECOND_FACTOR = True
OTP_TOTP_ISSUER = "safeplan"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

BREAK_GLASS_DURATION = timedelta(minutes=env_int("SAFEPLAN_BREAK_GLASS_MINUTES", 60))

# --- Internationalisation: store UTC, show Europe/London.
LANGUAGE_CODE = "en-gb"
# Welsh for the person's pages, crisis mode and the wallet card (safeplan/locale; `make messages`). English stays the
# default: the language is the one the person chose (their account, else a cookie), never guessed from the browser.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "safeplan" / "locale"]
LANGUAGE_COOKIE_NAME = "safeplan_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files: the NHS.UK frontend CSS refers to /assets/images/…, so static lives at /assets/.
STATIC_URL = "/assets/"
# collectstatic is a production step; elsewhere whitenoise serves straight from the finders.
STATIC_ROOT = Path(env_str("SAFEPLAN_STATIC_ROOT", str(BASE_DIR / "staticfiles"))) if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "safeplan.core.storage.StaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- Security headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        # The NHS.UK frontend CSS loads the Frutiger font from the NHS asset host: fonts only.
        "font-src": [SELF, "https://assets.nhs.uk"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SAFEPLAN_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Logging: never personal data. Request paths carry only opaque ids; query strings are not logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"axes": {"level": "ERROR"}},
}

SERVICE_NAME = "safeplan"
