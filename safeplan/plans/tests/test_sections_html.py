"""A plan's sections drawn in Python (plans/sections_html.py, issue 16): what people wrote is escaped wherever the
plan is drawn, a phone number is a call link, the forms on each entry carry the page's CSRF token, and the drawing
reads in the reader's language."""

import re
from datetime import date, timedelta

from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from safeplan.people.withholding_services import withhold
from safeplan.plans import services
from safeplan.plans.models import Mode, Voice
from safeplan.plans.sections_html import _e

HOSTILE = '<script>alert("x")</script> & <b onmouseover="y">bold</b>'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b onmouseover=&#34;y&#34;&gt;bold&lt;/b&gt;"


def urls(world) -> dict[str, str]:
    plan = {"person_id": world.person.pk, "plan_id": world.plan.pk}
    version = {**plan, "number": 1}
    return {
        "plan": reverse("plan", kwargs=plan),
        "version": reverse("plan_version", kwargs=version),
        "print": reverse("plan_print", kwargs=version),
    }


def test_words_people_write_are_escaped_wherever_the_plan_is_drawn(client, world):
    world.person_writes(text=HOSTILE)
    contact = {"name": HOSTILE, "phone": "07700 900123 <b>or</b>", "relationship": HOSTILE}
    services.add_entry(
        world.staff, world.plan, section_key="crisis", item_key="contact", fields=contact, voice=Voice.PERSON,
        mode=Mode.TOGETHER,
    )  # fmt: skip
    secret = world.team_writes(text=HOSTILE)
    support = world.person.supporters.get(user=world.supporter)
    services.add_entry(
        world.staff, world.plan, section_key="", item_key="", fields={"text": HOSTILE}, voice=Voice.SUPPORTER,
        mode=Mode.FOR, supporter=support, responds_to=secret,
    )  # a differing view, written down for the supporter  # fmt: skip
    withhold(world.staff, "plan_entry", secret.pk, reason=HOSTILE, review_on=date.today() + timedelta(days=30))
    version = services.put_forward(world.staff, world.plan)
    for signer in (world.staff, world.me):  # agreed, so it prints
        services.sign_version(signer, version, content_hash_seen=version.content_hash)
    for reader in (world.person.user, world.practitioner):
        client.force_login(reader)
        for name, url in urls(world).items():
            response = client.get(url)
            assert response.status_code == 200, (reader, name)
            page = response.content.decode()
            assert "<script>alert" not in page and "<b onmouseover" not in page, (reader, name)
            assert ESCAPED in page, (reader, name)
    client.force_login(world.person.user)
    page = client.get(urls(world)["plan"]).content.decode()
    assert '<a href="tel:07700900123">07700 900123 &lt;b&gt;or&lt;/b&gt;</a>' in page  # a call link, escaped


def test_the_person_hides_a_supporters_words_with_csrf_checks_on(world):
    support = world.person.supporters.get(user=world.supporter)
    entry = services.add_entry(
        world.staff, world.plan, section_key="crisis", item_key="feel-safe", fields={"text": "I can sit with them"},
        voice=Voice.SUPPORTER, mode=Mode.FOR, supporter=support,
    )  # fmt: skip
    client = Client(enforce_csrf_checks=True)  # as a browser is held: no token, no change
    client.force_login(world.person.user)
    page = client.get(urls(world)["plan"]).content.decode()
    hide = re.search(r'<form method="post" action="([^"]*/hide/)" class="safeplan-inline-form">(.*?)</form>', page)
    assert hide is not None
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', hide.group(2))
    assert token is not None, "the hide form carries the page's CSRF token"
    assert client.post(hide.group(1), {"hidden": "yes"}).status_code == 403  # without it, refused
    response = client.post(hide.group(1), {"hidden": "yes", "csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.hidden_from_staff_at is not None


def test_the_drawing_reads_in_the_readers_language(client, world):
    world.person_writes(text="Cerdded y ci")
    world.person.user.language = "cy"
    world.person.user.save(update_fields=["language"])
    client.force_login(world.person.user)
    page = client.get(urls(world)["plan"]).content.decode()
    assert "Cerdded y ci" in page
    for english in ["Nothing written yet.", "Add more", "Do not contact", "Crisis lines", "in their own words"]:
        assert english not in page, english


@given(st.text())
def test_the_drawings_escaping_is_jinjas(text):
    assert _e(text) == str(escape(text))
    assert _e(Markup(text)) == text  # noqa: S704 - words already safe are left as they are, as in a template
