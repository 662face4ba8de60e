"""Utgivare settings: one file, every value from an environment variable.

Unset variables give the embedded default (SQLite, local-memory cache, files
on local disk). Setting DATABASE_URL, REDIS_URL and AWS_STORAGE_BUCKET_NAME
moves the same code to PostgreSQL, Redis and S3-compatible storage.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("UTGIVARE_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("UTGIVARE_INSECURE_DEV_KEY"):
        # Refuse to run a public site with a guessable key: sessions, the meter
        # cookie and password-reset links are all signed with it.
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "utgivare-insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Utgivare")

INSTALLED_APPS = [
    "utgivare.core",
    "utgivare.publication",
    "utgivare.blogs",
    "utgivare.webtv",
    "utgivare.paywall",
    "utgivare.subscriptions",
    "utgivare.accounts",
    "utgivare.comments",
    "utgivare.media",
    "utgivare.podcasts",
    "utgivare.search",
    "utgivare.feeds",
    "utgivare.api",
    # django-ninja's templates and the Swagger UI files for /api/docs/ (served by us, no CDN).
    "ninja",
    "utgivare.corrections",
    "utgivare.tips",
    "utgivare.signatures",
    "utgivare.importers",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]
# The demo magazine and its `load_demo` command, only where the demo runs (`make demo`).
if env_bool("UTGIVARE_DEMO"):
    INSTALLED_APPS.append("utgivare.demo")

MIDDLEWARE = [
    # First of all: on the tip inbox's addresses, drops the visitor's address, browser
    # and cookies before anything (the page cache included) can log or store them
    # (tips/middleware.py).
    "utgivare.tips.middleware.ForgetTheVisitorMiddleware",
    # Outermost of all: replays a stored page that is the same for every anonymous
    # reader before anything else runs (core/page_cache.py).
    "utgivare.core.page_cache.PageCacheMiddleware",
    # Decides Cache-Control from every cookie and fact the rest set.
    "utgivare.core.middleware.SharedCacheSafetyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the address, cookies or the database.
    "utgivare.core.middleware.RefuseControlCharactersMiddleware",
    # Writes the meter cookie; marks answers that depend on the reader personal.
    "utgivare.paywall.middleware.PaywallMiddleware",
    # Django's, made to survive a database fault while saving the session.
    "utgivare.core.middleware.SessionMiddleware",
    "utgivare.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with a logged-in reader's user row kept between requests (core/reader_cache.py).
    "utgivare.core.middleware.ReaderAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "utgivare.core.middleware.DatabaseUnavailableMiddleware",
    # Wagtail's page view finds its site and root page in the cache.
    "utgivare.core.middleware.CachedSiteMiddleware",
    # WordPress's /?p=ID at the site root (importers); the rest of the old addresses
    # are Wagtail redirects, answered when no page is found.
    "utgivare.importers.middleware.WordPressAddressMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Innermost: puts long comment threads into the finished page before any
    # outer middleware measures or caches the body (see comments/middleware.py).
    "utgivare.comments.middleware.ThreadSplicingMiddleware",
]

ROOT_URLCONF = "utgivare.urls"
WSGI_APPLICATION = "utgivare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # Django's `{% url %}`, its addresses kept once worked out
            # (core/kept_url.py): a thirtieth of a page drawn cold.
            "builtins": ["utgivare.core.kept_url"],
        },
    },
]

# --- Data -------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'utgivare.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's, with a health check that asks the socket before it asks the server
    # (a round trip on every request otherwise; core/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "utgivare.core.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers continue while a comment or webhook is being written.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Connections are kept (DB_CONN_MAX_AGE, as on PostgreSQL): a new SQLite
    # connection reads the whole schema (~390 tables and indexes) at its first
    # query, which cost more than the rest of a cached page. A sync worker has one
    # thread, so one connection; WAL gives each statement the latest commit.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis with a circuit breaker and a per-process fallback:
            # Redis down means slower pages, never failing ones (core/cache.py).
            "BACKEND": "utgivare.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "utgivare"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Redis answers in well under a millisecond; waiting longer
                # only makes every reader wait for a Redis that is gone.
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "OUTAGE_RETRY_SECONDS": float(os.environ.get("REDIS_RETRY_SECONDS", "5")),
            },
        }
    }
    # cached_db: a Redis restart must not log every reader out.
    SESSION_ENGINE = "utgivare.core.sessions.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Django's, the row read with one plain query (core/sessions).
    SESSION_ENGINE = "utgivare.core.sessions.db"

# How long the app keeps a whole page that is the same for every anonymous reader
# (core.page_cache); changes drop exactly the pages they touch. 0 switches it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))

# --- Background work ---------------------------------------------------------
# "immediate" runs tasks inside the request (demo, tests); "database" stores
# them for `utgivare db_worker` (production, several app processes).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}
# Run by `utgivare run_worker` (core.periodic): management command -> every N seconds.
PERIODIC_JOBS = {
    "publish_scheduled": 60,
    "purge_comment_ips": 24 * 3600,
    "purge_podcast_hashes": 24 * 3600,
    "delete_expired_tips": 24 * 3600,
    "scrub_stripe_events": 24 * 3600,
    "send_renewal_reminders": 6 * 3600,
}
# The admin warns when scheduled publishing has not run for this long.
SCHEDULER_LATE_AFTER_MINUTES = int(os.environ.get("SCHEDULER_LATE_AFTER_MINUTES", "5"))

# --- Files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not env_bool("TESTING")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Podcast and video files (utgivare.media): never under MEDIA_URL, which anyone may
# read; they are handed out only through signed, expiring addresses.
STORAGES["private_media"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private-media"))},
}
if AWS_STORAGE_BUCKET_NAME:
    _s3_options = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
    # Private objects; the app redirects to presigned addresses valid for minutes.
    STORAGES["private_media"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3_options, "location": "private-media"},
    }
# Uploads go to a temporary file from the first 256 KB on, so a 200 MB episode is
# never held in memory; the storage moves (or streams) that file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.TemporaryFileUploadHandler"]

# --- Language and time ----------------------------------------------------------
LANGUAGE_CODE = "sv"
# Each language named in itself, as language switches do.
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
# locale_overrides: our own Swedish for texts of allauth and Wagtail (above their catalogues).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Accounts (django-allauth) ----------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: answers has_perm from a set kept between requests (core/permissions.py),
    # so the backends after it find the set and query nothing.
    "utgivare.core.permissions.CachingModelBackend",
    # Kept: sessions name the backend that logged them in.
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/konto/login/"
ACCOUNT_LOGIN_METHODS = {"email"}
# The password is optional: a reader without one logs in with a code by e-mail.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1", "password2"]
# Mandatory verification is what lets allauth answer a sign-up with a known
# address exactly like any other (no user enumeration).
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_CHANGE_EMAIL = True
# Only when the link is opened in the browser that signed up (allauth checks).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "3/3m/key",
}
ACCOUNT_ADAPTER = "utgivare.accounts.adapter.PublicationAccountAdapter"
# allauth's forms with the site's text rule (control characters, see core/forms.py).
ACCOUNT_FORMS = {
    name: f"utgivare.accounts.forms.{form}"
    for name, form in [
        ("login", "LoginForm"),
        ("signup", "SignupForm"),
        ("add_email", "AddEmailForm"),
        ("change_email", "ChangeEmailForm"),
        ("change_password", "ChangePasswordForm"),
        ("set_password", "SetPasswordForm"),
        ("reset_password", "ResetPasswordForm"),
        ("reset_password_from_key", "ResetPasswordKeyForm"),
        ("reauthenticate", "ReauthenticateForm"),
        ("request_login_code", "RequestLoginCodeForm"),
        ("confirm_login_code", "ConfirmLoginCodeForm"),
    ]
}
ACCOUNT_USER_DISPLAY = "utgivare.accounts.adapter.user_display"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "redaktionen@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Payments (Stripe) ------------------------------------------------------------
# With no STRIPE_SECRET_KEY, the site offers manual subscriptions only.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
# Days a reader keeps access after a failed renewal while Stripe retries the card.
SUBSCRIPTION_GRACE_DAYS = int(os.environ.get("SUBSCRIPTION_GRACE_DAYS", "7"))
# Longest a stored Stripe event that could not be processed keeps the payer's
# personal data (processed events are scrubbed at once; see event_privacy.py).
STRIPE_EVENT_RETENTION_DAYS = int(os.environ.get("STRIPE_EVENT_RETENTION_DAYS", "30"))

# --- Tip inbox ("Tipsa oss") -------------------------------------------------------
# Its public addresses: no cookie, no address or browser is kept there.
TIPS_PATH_PREFIX = "/tipsa/"
# How slow the argon2id hashes are (sealing.STRENGTHS): the editors' passphrase, the code phrase.
TIPS_KEY_STRENGTH = os.environ.get("TIPS_KEY_STRENGTH", "moderate")
TIPS_PHRASE_STRENGTH = os.environ.get("TIPS_PHRASE_STRENGTH", "interactive")
# How long an editor's unlocked inbox stays unlocked.
TIPS_UNLOCK_MINUTES = int(os.environ.get("TIPS_UNLOCK_MINUTES", "15"))

# --- Wagtail ------------------------------------------------------------------------
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "swedish",
    }
}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILDOCS_EXTENSIONS = ["pdf", "mp3", "m4a", "ogg", "mp4", "webm"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_COMMENTS_ENABLED = True

# --- Security -------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies in front of the app append to X-Forwarded-For. Comment
# rate limits and bans use the address the nearest untrusted hop reported.
COMMENTS_TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail's preview views set SAMEORIGIN for themselves; everything else refuses frames.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Read API (/api/) -------------------------------------------------------------------
# Requests per window, per API key or (without one) per keyed hash of the address.
API_RATE_LIMIT_ANONYMOUS = os.environ.get("API_RATE_LIMIT_ANONYMOUS", "60/m")
API_RATE_LIMIT_KEY = os.environ.get("API_RATE_LIMIT_KEY", "600/m")
# Under these paths a refused address (control characters) is answered in JSON.
JSON_PATH_PREFIXES = ["/api/"]
# How long shared caches may keep an anonymous API answer.
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
