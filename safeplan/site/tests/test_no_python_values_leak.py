"""Every page of the demo, for every login, reads as words: no Python value leaks into it as text (`None`, `True`,
`[]`, a date in ISO form, an object's repr). The crawl follows links from each user's home, as a new user would
(issue 9, item 4)."""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from safeplan.site.management.commands.seed_demo import LOGINS

pytestmark = pytest.mark.django_db
PAGES_PER_LOGIN = 120
LEAKS = [
    (re.compile(r"\bNone\b"), "None"),
    (re.compile(r"\b(True|False)\b"), "a Python boolean"),
    (re.compile(r"\[\]|\{\}|\[\s*'|\(\s*'"), "a Python list, dict or tuple"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?\b"), "a date in ISO form"),
    (re.compile(r"<[a-z_.]+ object at 0x|<bound method|\bQuerySet\b|Undefined"), "an object's repr"),
]
READ_ATTRIBUTES = {"value", "placeholder", "aria-label", "title", "alt", "label"}
NOT_FOLLOWED = ("/accounts/logout", "/admin", "/assets/", "/pdf/", "/health/")


class PageText(HTMLParser):
    """The words a person reads or hears on a page, and the links on it."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.words.append(value)
            if tag == "a" and name == "href" and value:
                self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.words.append(data)


def crawl(client: Client) -> dict[str, list[str]]:
    """{page: [leaks found]} for every page reachable from home by links, GET only."""
    found: dict[str, list[str]] = {}
    queue, seen = deque(["/"]), {"/"}
    while queue and len(found) < PAGES_PER_LOGIN:
        url = queue.popleft()
        response = client.get(url, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = PageText()
        parser.feed(response.content.decode())
        text = " ".join(parser.words)
        found[url] = [what for pattern, what in LEAKS if pattern.search(text)]
        for href in parser.links:
            link = urldefrag(href)[0]
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/") or link.startswith(NOT_FOLLOWED):
                continue
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return found


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
        yield
        from django.core.management import call_command as flush

        flush("flush", interactive=False, verbosity=0)


@pytest.mark.parametrize("login", [row[0] for row in LOGINS if row[0] != "admin"])
def test_no_demo_page_shows_a_python_value_as_text(demo, login, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from safeplan.people.models import User

    client = Client()
    client.force_login(User.objects.get(username=login))
    pages = crawl(client)
    assert len(pages) > 1, f"{login} reached no pages"
    leaks = {url: what for url, what in pages.items() if what}
    assert leaks == {}, f"{login}: {leaks}"
