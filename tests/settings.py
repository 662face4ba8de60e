"""Settings for the test suite: the real settings, with test-only defaults.

DATABASE_URL and REDIS_URL pass through, so the same suite runs on SQLite and
locmem by default and on PostgreSQL and Redis when CI sets them.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("TESTING", "1")
os.environ.setdefault("UTGIVARE_DEMO", "1")  # the demo app and its tests
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("UTGIVARE_VAR_DIR", tempfile.mkdtemp(prefix="utgivare-test-"))
if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    # xdist workers inherit the controller's environment, so without this they would
    # share one folder of media and private media and see each other's files.
    worker_dir = os.path.join(os.environ["UTGIVARE_VAR_DIR"], worker)
    os.makedirs(worker_dir, exist_ok=True)
    os.environ["UTGIVARE_VAR_DIR"] = worker_dir

from utgivare.settings import *  # noqa: E402, F403
from utgivare.settings import CACHES, REDIS_URL  # noqa: E402

# Off by default: most tests change rows behind Wagtail's back and read the page
# again. tests/core/test_page_cache.py and the proxy test switch it on.
PAGE_CACHE_SECONDS = 0
# The same argon2id code path, at the lowest cost (speed only).
TIPS_KEY_STRENGTH = "minimal"
TIPS_PHRASE_STRENGTH = "minimal"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if REDIS_URL:
    # Each xdist worker gets its own key prefix so parallel tests never share cache state.
    CACHES["default"]["KEY_PREFIX"] = "utgivare-test-" + os.environ.get(
        "PYTEST_XDIST_WORKER", "main"
    )
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns when missing

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: the live server and the
    # concurrent-webhook test use their own connections from other threads, as
    # app processes do in production. pytest-django suffixes it per xdist worker.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-utgivare.sqlite3")}  # noqa: F405
    # As before production kept SQLite connections: the live server's and the race
    # tests' threads close theirs at the end of each request.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
