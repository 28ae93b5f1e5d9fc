"""Welsh on every page a person reaches (issue 15, item 7): each demo person's pages are crawled in English and again
in Welsh, and no words of the page's own may be the same in both. What people wrote (anything stored that is not one
of safeplan's own translatable words) is taken out first: it stays in the words it was written in."""

import re

import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.db import models
from django.test import Client

from safeplan.site.tests.crawl import pages

pytestmark = pytest.mark.django_db
PERSONS = ["rowan", "lee", "kit"]
PAGES_PER_LOGIN = 150
SAME_IN_WELSH = {"safeplan", "PDF", "ZIP", "NHS", "English", "Cymraeg", "IMHA", "IMCA", "SMS"}


def text_nodes(html: str) -> list[str]:
    main = re.search(r"<main.*?</main>", html, re.S)
    body = re.sub(r"<(script|style|template)\b.*?</\1>", " ", main.group(0) if main else html, flags=re.S)
    body = body.replace("&#39;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return [" ".join(node.split()) for node in re.split(r"<[^>]+>", body) if node.strip()]


def safeplans_own_words() -> set[str]:
    from django.conf import settings

    with open(f"{settings.BASE_DIR}/safeplan/locale/cy/LC_MESSAGES/django.po", "rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def leaves(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in leaves(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in leaves(item)]
    return []


def written_words() -> list[str]:
    """Every string stored in safeplan's tables that is not one of safeplan's own words, longest first, each line
    on its own (a page may show a paragraph's lines apart)."""
    own = safeplans_own_words()
    found: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("safeplan."):
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model.objects.values_list(*fields) if fields else []:
            for value in row:
                for text in leaves(value):
                    for line in [text, *text.splitlines()]:
                        line = " ".join(line.split())
                        if len(line) > 2 and line not in own:
                            found.add(line)
    return sorted(found, key=len, reverse=True)


SECRET = re.compile(r"^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$")  # an authenticator app's key, in groups of four


def untranslated(english: list[str], welsh: list[str], written: list[str]) -> list[str]:
    left = []
    for node in set(welsh) & set(english):
        if SECRET.match(node) or (node.endswith("…") and any(w.startswith(node[:-1]) for w in written)):
            continue  # a key to type, or what someone wrote cut short to fit
        rest = node
        for words in written:
            if words in rest:
                rest = rest.replace(words, " ")
        for words in SAME_IN_WELSH:
            rest = rest.replace(words, " ")
        if re.search(r"[A-Za-z]{3,}", rest):
            left.append(node)
    return sorted(left)


@pytest.mark.parametrize("login", PERSONS)
def test_no_page_a_person_reaches_is_left_in_english_when_they_choose_welsh(demo, login, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from safeplan.people.models import User

    user = User.objects.get(username=login)
    client = Client()
    client.force_login(user)
    english = {url: text_nodes(html) for url, html in pages(client, PAGES_PER_LOGIN, one_per_path=True)}
    assert len(english) > 10, f"{login} reached too few pages"
    written = written_words()
    User.objects.filter(pk=user.pk).update(language="cy")
    try:
        found = {}
        for url, nodes in english.items():
            response = client.get(url, follow=True)
            assert response["Content-Language"] == "cy"
            left = untranslated(nodes, text_nodes(response.content.decode()), written)
            if left:
                found[url] = left
    finally:
        User.objects.filter(pk=user.pk).update(language="")
    assert found == {}, "\n".join(f"{url}\n    " + "\n    ".join(left) for url, left in found.items())
