"""Welsh (issue 15): the catalogue compiles and holds every translatable word; the person's choice is remembered on
their account; crisis mode, the wallet card and the person's home are in Welsh, with no English left on crisis mode;
English stays the default."""

import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from safeplan.crisis.tests.conftest import SIX_STEP

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "safeplan" / "locale" / "cy" / "LC_MESSAGES" / "django.po"
KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
}


def catalogue():
    with PO.open("rb") as handle:
        return read_po(handle, locale="cy")


PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


def test_the_welsh_catalogue_compiles_with_every_placeholder_kept():
    welsh = catalogue()
    problems = [(message.id, errors) for message, errors in welsh.check()]
    assert problems == []
    # Babel's check lets a translation drop a named placeholder (a name, a number, a date): every one must be kept.
    dropped = [
        m.id
        for m in welsh
        if m.id
        for english, translated in zip(
            m.id if isinstance(m.id, tuple) else [m.id],
            m.string if isinstance(m.string, tuple) else [m.string],
            strict=False,
        )
        if sorted(PLACEHOLDER.findall(english)) != sorted(PLACEHOLDER.findall(translated))
    ]
    assert dropped == []
    compiled = io.BytesIO()
    write_mo(compiled, welsh)
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with PO.with_suffix(".mo").open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    assert shipped._catalog == fresh._catalog, "run `make messages`: django.mo is older than django.po"  # type: ignore[attr-defined]


def test_every_translatable_word_has_welsh_and_none_is_fuzzy():
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS)
    }
    welsh = {message.id if isinstance(message.id, str) else message.id[0]: message for message in catalogue()}
    assert len(found) > 100

    def translated(message) -> bool:
        return all(message.string) if isinstance(message.string, tuple) else bool(message.string)

    missing = sorted(words for words in found if words not in welsh or not translated(welsh[words]))
    assert missing == [], "run `make messages` and translate these"
    # …and every word the catalogue has is still found, or `make messages` would drop its Welsh (a call pybabel
    # cannot see, inside an f-string say, loses a translation that pages still show).
    unfound = sorted(words for words in welsh if words and words not in found)
    assert unfound == [], "these are no longer found by extraction: take them out of f-strings or the catalogue"
    assert [m.id for m in welsh.values() if m.fuzzy] == []


def welsh_client(client, world):
    client.force_login(world.person.user)
    chosen = client.post(reverse("choose_language"), {"language": "cy", "next": reverse("crisis")})
    assert chosen.status_code == 302 and chosen["Location"] == reverse("crisis")
    return client


def test_the_persons_choice_is_remembered_on_their_account_and_follows_them(client, world):
    welsh_client(client, world)
    world.person.user.refresh_from_db()
    assert world.person.user.language == "cy"
    page = client.get(reverse("your_record"))
    html = page.content.decode()
    assert page["Content-Language"] == "cy" and '<html lang="cy"' in html
    assert "Eich cofnod" in html and "Mewn argyfwng: beth i'w wneud a phwy i'w ffonio" in html
    from django.test import Client

    other_phone = Client()
    other_phone.force_login(world.person.user)
    assert "Eich cofnod" in other_phone.get(reverse("your_record")).content.decode()
    client.post(reverse("choose_language"), {"language": "en-gb", "next": reverse("your_record")})
    assert "Your record" in client.get(reverse("your_record")).content.decode()


def test_english_stays_the_default_whatever_the_browser_asks_for(client, world):
    client.force_login(world.person.user)
    page = client.get(reverse("crisis"), HTTP_ACCEPT_LANGUAGE="cy")
    assert page["Content-Language"] == "en-gb" and "<h1>In a crisis</h1>" in page.content.decode()


def test_signed_in_the_accounts_own_choice_counts_not_a_cookie_left_in_the_browser(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert "Mewngofnodi i safeplan" in client.get(reverse("login")).content.decode()  # before signing in: the cookie
    client.force_login(world.practitioner)
    page = client.get(reverse("caseload"))
    assert page["Content-Language"] == "en-gb"


def test_staff_choosing_welsh_still_read_their_pages_in_english(client, world):
    client.force_login(world.practitioner)
    client.post(reverse("choose_language"), {"language": "cy", "next": reverse("caseload")})
    world.practitioner.refresh_from_db()
    assert world.practitioner.language == ""
    assert client.get(reverse("caseload"))["Content-Language"] == "en-gb"


def test_an_unknown_language_is_refused_and_changes_nothing(client, world):
    client.force_login(world.person.user)
    response = client.post(reverse("choose_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 400
    world.person.user.refresh_from_db()
    assert world.person.user.language == ""


def test_the_switch_never_sends_anyone_off_the_site(client, world):
    client.force_login(world.person.user)
    response = client.post(reverse("choose_language"), {"language": "cy", "next": "https://elsewhere.example/"})
    assert response["Location"] == "/"


def text_nodes(html: str) -> list[str]:
    main = re.search(r"<main.*?</main>", html, re.S).group(0)  # type: ignore[union-attr]
    main = re.sub(r"<(script|style|template)\b.*?</\1>", " ", main, flags=re.S)
    return [" ".join(node.split()) for node in re.split(r"<[^>]+>", main) if node.strip()]


def data_words(world) -> list[str]:
    """What the person and their care team wrote, and the plan's title: the record's own words, not the page's."""
    words = [value for _section, _item, fields in SIX_STEP for value in fields.values()]
    words += ["My safety plan for when I feel suicidal", "Night line", "Text line", "0800 000 111", "85258", "999"]
    return words


@pytest.mark.parametrize("name", ["crisis", "crisis_card", "crisis_share", "crisis_offline"])
def test_no_english_is_left_on_crisis_mode_in_welsh(client, world, name):
    world.six_step()
    client.force_login(world.person.user)
    query = {"show": "1", "part": ["try", "people", "professionals", "where", "do-not-contact"]}
    english = text_nodes(client.get(reverse(name), query).content.decode())
    welsh_client(client, world)
    welsh = text_nodes(client.get(reverse(name), query).content.decode())
    data = data_words(world)

    def ours(node: str) -> bool:  # the page's own words: not the record's, not a number, a name or punctuation
        left = node
        for words in data:
            left = left.replace(words, "").replace(words.replace("'", "&#39;"), "")
        return bool(re.search(r"[A-Za-z]{3,}", left)) and left.strip() not in {"PDF", "safeplan", "Cymraeg"}

    assert len([node for node in english if ours(node)]) >= 5  # the check has English of the page's own to find
    untranslated = [node for node in welsh if ours(node) and node in english]
    assert untranslated == []


def test_the_wallet_card_pdf_is_in_welsh(client, world):
    world.six_step()
    welsh_client(client, world)
    text = PdfReader(io.BytesIO(client.get(reverse("crisis_card_pdf")).content)).pages[0].extract_text()
    text = " ".join(text.split())
    assert "Fy nghynllun argyfwng" in text and "Pwy i'w ffonio" in text and "Llinellau argyfwng" in text
    assert "Who to call" not in text


def test_a_plan_reads_in_welsh_while_its_versions_keep_the_words_they_were_agreed_in(client, world):
    from safeplan.plans.models import PlanVersion

    plan = world.six_step()
    welsh_client(client, world)
    html = client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": plan.pk})).content.decode()
    assert "Cam 1: Fy arwyddion rhybudd" in html and "Step 1: My warning signs" not in html
    assert "Pwy allwch chi ofyn iddyn nhw am help?" in html
    assert "WARNING-SIGN: I stop answering the phone." in html  # what the person wrote, as they wrote it
    agreed = PlanVersion.objects.get(plan=plan)
    assert agreed.snapshot["sections"][0]["title"] == "Step 1: My warning signs"


def test_no_english_is_left_on_the_persons_plan_page_in_welsh(client, world):
    plan = world.six_step(agree=False)
    url = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": plan.pk})
    client.force_login(world.person.user)
    english = text_nodes(client.get(url).content.decode())
    welsh_client(client, world)
    welsh = text_nodes(client.get(url).content.decode())
    data = [*data_words(world), world.person.full_name, "It&#39;s me, I&#39;m having a bad night"]
    left = [node for node in welsh if node in english and re.search(r"[A-Za-z]{3,}", node)]
    assert [node for node in left if not any(words in node for words in data)] == []


@pytest.mark.parametrize(
    "page", ["summary", "plan_list", "your_access_log", "about_records", "plan_versions", "plan_version"]
)
def test_no_english_is_left_on_the_persons_summary_plans_list_access_log_and_about_page(client, world, page):
    plan = world.six_step()
    by_plan = {"person_id": world.person.pk, "plan_id": plan.pk}
    url = {
        "summary": reverse("summary", args=[world.person.pk]),
        "plan_list": reverse("plan_list", args=[world.person.pk]),
        "plan_versions": reverse("plan_versions", kwargs=by_plan),
        "plan_version": reverse("plan_version", kwargs={**by_plan, "number": 1}),
    }.get(page) or reverse(page)
    client.force_login(world.person.user)
    english = text_nodes(client.get(url, follow=True).content.decode())
    welsh_client(client, world)
    welsh = text_nodes(client.get(url, follow=True).content.decode())
    data = [*data_words(world), world.person.full_name, world.org.name, "Night line: 0800 000 111"]
    data += [str(world.practitioner), str(world.lead), "It&#39;s me, I&#39;m having a bad night"]  # as written
    left = [node for node in welsh if node in english and re.search(r"[A-Za-z]{3,}", node)]
    assert [node for node in left if not any(words in node for words in data)] == []


def test_what_is_kept_stays_in_english_whatever_the_reader_reads(world):
    """A plan's title goes into what is stored (the words of a concern about it, All my data): English, always; pages
    show its translation."""
    from django.utils import translation

    plan = world.six_step()
    with translation.override("cy"):
        assert plan.title == "My safety plan for when I feel suicidal"
        assert plan.shown_title == "Fy nghynllun diogelwch ar gyfer pan fyddaf yn teimlo'n hunanladdol"


def test_a_translated_warning_heading_shows_once_and_its_hidden_word_is_welsh():
    from django.template import engines
    from django.utils import translation

    page = '{% from "core/_nhs.jinja" import warningCallout %}{{ warningCallout({"heading": _("Late"), "text": "x"}) }}'
    with translation.override("en-gb"):
        english = engines["jinja2"].from_string(page).render()
    assert english.count("Late") == 1 and "Important" in english
    with translation.override("cy"):
        welsh = engines["jinja2"].from_string(page).render()
    assert welsh.count("Hwyr") == 1 and "Pwysig" in welsh


def test_how_long_ago_reads_in_welsh(world):
    from datetime import timedelta

    from django.utils import timezone, translation

    from safeplan.people.access_log import Change

    change = Change("Priya", "practitioner", False, "", "your plan", None, timezone.now() - timedelta(hours=3))
    with translation.override("cy"):
        assert change.ago() == "3 awr yn ôl"
    with translation.override("en-gb"):
        assert change.ago() == "3 hours ago"
