"""Test set-up shared by every app: fast password hashing, and the audit purge that lets a flush empty the
append-only audit table on PostgreSQL (the only thing allowed to)."""

import pytest
from django.core.management.commands import flush
from django.db import connections

_original_flush = flush.Command.handle


def _flush_allowing_audit_purge(self, **options):
    connection = connections[options.get("database", "default")]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET safeplan.audit_purge = 'allowed'")
        try:
            return _original_flush(self, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET safeplan.audit_purge")
    return _original_flush(self, **options)


flush.Command.handle = _flush_allowing_audit_purge


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_off(settings):
    """Tests sign staff in with force_login or the password form alone; the second factor's own tests turn it back on
    (`settings.SAFEPLAN_REQUIRE_SECOND_FACTOR = True`). Browser journeys share this process's settings, so the live
    server has it off too. See docs/adr/0007-second-factor.md."""
    settings.SAFEPLAN_REQUIRE_SECOND_FACTOR = False


# --- Browser tests: Debian Chromium through Playwright, never a downloaded browser, never the internet.

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def chromium():
    import os
    import shutil

    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian chromium is not installed: apt-get install chromium (CI's .ci/run does this).")
    # Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make are still
    # synchronous, so tell Django that is intended.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class BrowserGuard:
    """Aborts every request that is not to loopback, and remembers them."""

    LOOPBACK = ("http://127.0.0.1", "http://localhost", "http://[::1]")

    def __init__(self):
        self.blocked: list[str] = []

    def route(self, route):
        url = route.request.url
        if url.startswith(self.LOOPBACK) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@pytest.fixture
def browser_context(chromium, request):
    viewport = getattr(request, "param", {"width": 1100, "height": 900})
    context = chromium.new_context(viewport=viewport)
    guard = BrowserGuard()
    context.route("**/*", guard.route)
    context.guard = guard
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


def assert_accessible(page) -> None:
    """axe-core, WCAG 2.2 AA tags: no violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    assert violations == [], f"{page.url}: " + "; ".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['html'][:120]})" for v in violations
    )
