"""Stopping a share holds at once in every server process, not only in the one that took the request (H24).

Two real server processes run against this test's database: the supporter reads a shared section through process A,
the person stops sharing through process B, and the supporter's next request to A is a 404. Nothing is cached in a
process (people/shares.py), so nothing has to be told to forget it. Runs on SQLite (the test database is a file both
processes open) and on PostgreSQL (the test database, as the role the tests run as)."""

import http.client
import json
import os
import re
import selectors
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from safeplan.circle import services
from safeplan.circle.tests.conftest import PRIVATE_WORDS, SHARED_WORDS, CircleWorld
from safeplan.people.access import resolve_access
from safeplan.people.records import Writer
from safeplan.people.shares import Share

pytestmark = pytest.mark.django_db(transaction=True)

# A server process: the project's settings, this test's database (its name and the role the tests connect as), the
# second factor off as in every test (conftest.py), Django's own WSGI server on a free port it prints when listening.
SERVER = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "safeplan.config.settings"
from django.conf import settings
settings.DATABASES["default"].update(json.loads(os.environ["SAFEPLAN_TEST_DATABASE"]))
settings.SAFEPLAN_REQUIRE_SECOND_FACTOR = False
import django
django.setup()
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.wsgi import get_wsgi_application

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

server = WSGIServer(("127.0.0.1", 0), Quiet)
server.set_app(get_wsgi_application())
print(server.server_port, flush=True)
server.serve_forever()
"""
STARTUP_SECONDS = 60


@contextmanager
def server_process() -> Iterator[int]:
    """A separate server process on this test's database; yields its port once it is listening, kills it after."""
    database = {key: connection.settings_dict[key] for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")}
    env = {**os.environ, "SAFEPLAN_TEST_DATABASE": json.dumps(database)}
    process = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", SERVER], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout=STARTUP_SECONDS):
                raise AssertionError(f"the server process did not start within {STARTUP_SECONDS} seconds")
        line = process.stdout.readline().strip()
        if not line.isdigit():
            process.kill()
            raise AssertionError(f"the server process failed to start: {process.stderr.read()[-2000:]}")
        yield int(line)
    finally:
        process.kill()
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()


class Browser:
    """One signed-in user's cookies, sent to whichever process a request goes to (as behind a load balancer)."""

    def __init__(self, user) -> None:
        client = Client()
        client.force_login(user)
        self.cookies = {name: morsel.value for name, morsel in client.cookies.items()}

    def request(self, port: int, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            body = None
            if form is not None:
                body = "&".join(f"{k}={v}" for k, v in form.items())
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.read().decode()
        finally:
            conn.close()


def test_stopping_a_share_in_one_process_holds_at_once_in_another():
    world = CircleWorld()
    me = Writer(world.person.user, resolve_access(world.person.user, world.person.pk))
    services.set_plan_sharing(me, world.support, world.plan, sections={"crisis"})
    plan = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})
    sharing = reverse("circle_sharing_with", kwargs={"support_id": world.support.pk})
    supporter, person = Browser(world.supporter), Browser(world.person.user)

    with ExitStack() as stack:
        a = stack.enter_context(server_process())
        b = stack.enter_context(server_process())
        assert a != b

        status, page = supporter.request(a, "GET", plan)
        assert status == 200 and SHARED_WORDS in page and PRIVATE_WORDS not in page

        status, form = person.request(b, "GET", sharing)
        assert status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        status, _ = person.request(b, "POST", sharing, {"csrfmiddlewaretoken": token, "stop": "1"})
        assert status == 302
        assert not Share.objects.current().filter(support=world.support).exists()

        status, page = supporter.request(a, "GET", plan)
        assert status == 404 and SHARED_WORDS not in page
