"""The wallet card (a folded card the size of a bank card: front, what helps and who to call; back, who not to contact
and the crisis lines) and the plain-text plan the person sends to someone they choose."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

MM = 72 / 25.4


def test_the_wallet_card_pdf_is_one_folded_card_of_bank_card_size_front_then_back(client, world):
    world.six_step()
    client.force_login(world.person.user)
    response = client.get(reverse("crisis_card_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1  # nothing spills over: the card holds a few of each, short
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(2 * 85.6 * MM, abs=1) and float(box.height) == pytest.approx(
        54 * MM, abs=1
    )
    text = " ".join(reader.pages[0].extract_text().split())
    order = ["My crisis plan", "What helps", "TRY-ONE", "Who to call", "Jo Bright", "07700 900123",
             "Please do not contact", "Dale (my ex)", "Crisis lines", "Night line", "999"]  # fmt: skip
    places = [text.index(words) for words in order]
    assert places == sorted(places)
    assert "WARNING-SIGN" not in text and "It's me" not in text  # nothing else, and no opening lines on a card


def test_the_person_may_leave_who_not_to_contact_off_the_card_and_text_only_numbers_say_so(client, world):
    world.six_step()
    client.force_login(world.person.user)
    reader = PdfReader(io.BytesIO(client.get(reverse("crisis_card_pdf"), {"without": "do-not-contact"}).content))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Dale" not in text and "Please do not contact" not in text and "Night line" in text
    assert "85258 (text)" in text and "Sam Ade 07700 900456 (text)" in text
    html = client.get(reverse("crisis_card"), {"without": "do-not-contact"}).content.decode()
    assert "Dale" not in html and "?without=do-not-contact" in html  # the PDF link keeps the choice


def test_the_wallet_card_print_page_shows_both_faces(client, world):
    world.six_step()
    client.force_login(world.person.user)
    html = client.get(reverse("crisis_card")).content.decode()
    assert "safeplan-card__front" in html and "safeplan-card__back" in html
    assert html.index("Jo Bright") < html.index("Dale (my ex)") < html.index("Night line")


def test_sharing_sends_only_the_parts_chosen_in_the_pages_order(client, world):
    world.six_step()
    client.force_login(world.person.user)
    html = client.get(reverse("crisis_share"), {"show": "1", "part": ["do-not-contact", "try"]}).content.decode()
    text = html[html.index("<textarea") : html.index("</textarea>")]
    assert text.index("What helps me:") < text.index("TRY-ONE") < text.index("Please do not contact:")
    assert "Dale (my ex)" in text and "Jo Bright" not in text and "Night line" not in text
    assert 'href="sms:?&amp;body=From%20my%20crisis%20plan.' in html


def test_sharing_with_nothing_chosen_asks_for_a_part(client, world):
    client.force_login(world.person.user)
    response = client.get(reverse("crisis_share"), {"show": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and "Choose at least one part to share." in html
    assert "<textarea" not in html and "Error: " in html
    nonsense = client.get(reverse("crisis_share"), {"show": "1", "part": ["nonsense"]}).content.decode()
    assert "Select a valid choice" in nonsense and "<textarea" not in nonsense


def test_an_idle_session_still_opens_the_crisis_page_but_not_the_rest_of_the_record(client, world, settings):
    world.six_step()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(world.person.user)
        assert client.get(reverse("your_record")).status_code == 200
        traveller.shift(settings.SESSION_IDLE_TIMEOUT + timedelta(minutes=5))
        crisis = client.get(reverse("crisis"))
        assert crisis.status_code == 200 and "Jo Bright" in crisis.content.decode()
        traveller.shift(timedelta(minutes=1))
        assert client.get(reverse("crisis")).status_code == 200  # still open: reading it is not activity
        home = client.get(reverse("your_record"))
        assert home.status_code == 302 and home["Location"].startswith(reverse("login"))
        assert client.get(reverse("crisis")).status_code == 302  # signed out now


@pytest.mark.parametrize("name", ["crisis_card", "crisis_card_pdf", "crisis_share", "crisis_offline"])
def test_an_idle_session_opens_nothing_but_the_crisis_page_itself(client, world, settings, name):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(world.person.user)
        assert client.get(reverse("your_record")).status_code == 200
        traveller.shift(settings.SESSION_IDLE_TIMEOUT + timedelta(minutes=5))
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_absolute_limit_applies_to_the_crisis_page_too(client, world, settings):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(world.person.user)
        assert client.get(reverse("crisis")).status_code == 200
        traveller.shift(settings.SESSION_ABSOLUTE_TIMEOUT + timedelta(minutes=1))
        assert client.get(reverse("crisis")).status_code == 302


def test_signing_out_tells_the_browser_to_remove_what_it_keeps(client, world):
    client.force_login(world.person.user)
    response = client.post(reverse("logout"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert response.cookies["safeplan-forget-offline"].value == "1"


def test_the_service_worker_and_manifest_need_no_sign_in_and_hold_nothing_of_anyones(client, world):
    worker = client.get(reverse("crisis_service_worker"))
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    assert worker["Cache-Control"].count("no-store") == 1
    manifest = client.get(reverse("crisis_manifest")).json()
    assert manifest["start_url"] == reverse("crisis") and manifest["scope"] == reverse("crisis")
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
