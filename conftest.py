"""Test set-up shared by every app: fast password hashing, the second factor off for tests that are not about it,
and the database roles of a PostgreSQL run.

PostgreSQL runs as production does when SAFEPLAN_TEST_APP_ROLE names a role (CI's `.ci/run` creates `safeplan_app`):
the test database is created and migrated by the owner in DATABASE_URL, the app's role is granted what production
grants it (read and write rows; no TRUNCATE, no DDL, owns nothing), and the tests then run as that role. Between
transactional tests the owner empties the tables over a connection of its own, because only the owner may take the
audit trail's purge path. Tests marked `owner` (tampering with the trail as someone with the owner's rights,
restoring a backup, creating roles) need the owner and run in a separate invocation (see the Makefile's `test`).
"""

import os

import pytest
from django.core.management.color import no_style
from django.core.management.commands import flush
from django.core.management.sql import emit_post_migrate_signal, sql_flush
from django.db import connection, connections

_original_flush = flush.Command.handle
APP_ROLE = os.environ.get("SAFEPLAN_TEST_APP_ROLE", "").strip()
_owner: dict[str, str] = {}  # the owner's connection settings while tests run as the app's role


def _owner_connection():
    import psycopg

    return psycopg.connect(
        host=_owner["HOST"] or None,
        port=_owner["PORT"] or None,
        dbname=_owner["NAME"],
        user=_owner["USER"],
        password=_owner["PASSWORD"] or None,
        autocommit=False,
    )


def _flush_allowing_audit_purge(self, **options):
    database = options.get("database", "default")
    db = connections[database]
    if db.vendor != "postgresql":
        return _original_flush(self, **options)
    if _owner:
        statements = sql_flush(
            no_style(),
            db,
            reset_sequences=options.get("reset_sequences", True),
            allow_cascade=options.get("allow_cascade", False),
        )
        with _owner_connection() as owner:
            owner.execute("SET LOCAL safeplan.audit_purge = 'allowed'")
            for statement in statements:
                owner.execute(statement)
        if not options.get("inhibit_post_migrate"):
            emit_post_migrate_signal(options.get("verbosity", 0), options.get("interactive", False), database)
        return None
    with db.cursor() as cursor:
        cursor.execute("SET safeplan.audit_purge = 'allowed'")
    try:
        return _original_flush(self, **options)
    finally:
        with db.cursor() as cursor:
            cursor.execute("RESET safeplan.audit_purge")


flush.Command.handle = _flush_allowing_audit_purge


def _connect_as(user: str) -> None:
    connection.close()
    connection.settings_dict["USER"] = user
    connection.settings_dict["PASSWORD"] = "" if user == APP_ROLE else _owner.get("PASSWORD", "")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated by its owner; with SAFEPLAN_TEST_APP_ROLE, then used as the app's role."""
    if not APP_ROLE or connection.vendor != "postgresql":
        yield
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        name = connection.settings_dict["NAME"]
        cursor.execute(f'GRANT CONNECT ON DATABASE "{name}" TO {APP_ROLE}')
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
        cursor.execute(f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {APP_ROLE}")
        _owner.update({key: str(connection.settings_dict.get(key) or "") for key in ("HOST", "PORT", "NAME", "USER")})
        _owner["PASSWORD"] = str(connection.settings_dict.get("PASSWORD") or "")
    _connect_as(APP_ROLE)
    yield
    _connect_as(_owner["USER"])
    _owner.clear()


def pytest_collection_modifyitems(config, items):
    """As the app's role, tests that need the owner's rights are left to the owner's invocation."""
    if APP_ROLE:
        skip = pytest.mark.skip(reason="needs the database owner: run by the owner's invocation of the suite")
        for item in items:
            if item.get_closest_marker("owner"):
                item.add_marker(skip)


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
