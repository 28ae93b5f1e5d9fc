"""Every page of the demo, for every login, reads as words: no Python value leaks into it as text (`None`, `True`,
`[]`, a date in ISO form, an object's repr). The crawl follows links from each user's home, as a new user would
(issue 9, item 4)."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from safeplan.site.management.commands.seed_demo import LOGINS
from safeplan.site.tests.crawl import pages

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


class PageText(HTMLParser):
    """The words a person reads or hears on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.words.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.words.append(data)


def crawl(client: Client) -> dict[str, list[str]]:
    """{page: [leaks found]} for every page reachable from home by links, GET only."""
    found: dict[str, list[str]] = {}
    for url, html in pages(client, PAGES_PER_LOGIN):
        parser = PageText()
        parser.feed(html)
        text = " ".join(parser.words)
        found[url] = [what for pattern, what in LEAKS if pattern.search(text)]
    return found


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
