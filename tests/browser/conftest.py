"""Playwright in Debian's Chromium, against pytest-django's live server.

Never downloads a browser: the executable is /usr/bin/chromium (or $CHROMIUM).
Screenshots land in test-artifacts/ at the repository root.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# in the same test are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


# Assertions wait as long as actions do (the pages' default, 15 s), not Playwright's 5 s:
# the browser, the live server and the other xdist worker share two cores, and a
# round trip the page waits for (an autosave on PostgreSQL in a loaded run) took longer.
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            # No xdist_group: held on one worker, the ~20 browser tests (transactional, so
            # after every rolled-back test) were the run's last 80-150 s while the other
            # worker stood idle. Each worker starts its own Chromium once (`chromium`).
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh browser context (own cookies) and page, 1280 px wide."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name, width=None):
        if width:
            page.set_viewport_size({"width": width, "height": 900})
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def live_tree(live_server):
    """site_tree() whose Site answers on the live server's host and port."""
    from tests.factories import site_tree

    tree = site_tree()
    site = tree["site"]
    site.hostname, site.port = "localhost", int(live_server.url.rsplit(":", 1)[1])
    site.save()
    return tree


@pytest.fixture
def editor_page(chromium, live_server):
    """A 1280 px page in Swedish, logged in to the Wagtail admin as a new superuser."""
    from django.contrib.auth import get_user_model

    password = "redaktorens-losen-42"
    get_user_model().objects.create_superuser("redaktor", "r@example.org", password)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "redaktor")
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(live_server.url + "/admin/")
    yield page
    context.close()
