"""gettext through core/catalogue.py reads exactly as Django's gettext and Jinja's newstyle gettext read, in every
language, and keeps nothing but the catalogues' own words."""

import pytest
from django.conf import settings
from django.template import engines
from django.utils import translation
from django.utils.translation import trans_real
from jinja2.ext import _make_new_gettext
from markupsafe import Markup

from safeplan.core import catalogue


def shipped_words() -> list[str]:
    return sorted(k for k in catalogue._shipped_keys() if isinstance(k, str) and k and "\r" not in k)  # noqa: SLF001


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_catalogue_word_reads_as_djangos_gettext_reads_it(language):
    words = shipped_words()
    assert len(words) > 500
    with translation.override(language):
        assert [catalogue.gettext(w) for w in words] == [translation.gettext(w) for w in words]
        if language == "cy":
            assert catalogue.gettext("Your plans") != "Your plans"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_templates_words_read_as_jinjas_own_newstyle_gettext_gives_them(language):
    env = engines["jinja2"].env
    jinjas = _make_new_gettext(translation.gettext)
    context = env.from_string("").new_context({})
    with translation.override(language):
        for word in [*shipped_words()[:400], "100%% yours", "Nothing in any catalogue <b>"]:
            try:
                expected = jinjas(context, word)
            except (KeyError, TypeError, ValueError):
                with pytest.raises((KeyError, TypeError, ValueError)):
                    catalogue.template_gettext(context, word)
                continue
            got = catalogue.template_gettext(context, word)
            assert (got, type(got)) == (expected, type(expected))
        who = '<script>"Ro"</script>'
        got = catalogue.template_gettext(context, "this entry by %(who)s", who=who)
        assert got == jinjas(context, "this entry by %(who)s", who=who) and "&lt;script&gt;" in got
        assert isinstance(got, Markup)


def test_words_from_no_catalogue_are_read_by_django_and_never_kept():
    personal = "Ro Ellis-Jones, 07700 900123, lives at 4 Canal Street"
    with translation.override("cy"):
        assert catalogue.gettext(personal) == personal
        assert catalogue.gettext(Markup("<b>safe</b>")) == "<b>safe</b>"
    kept = [word for table in catalogue._TABLES.values() for word in table.words]  # noqa: SLF001
    assert kept and personal not in kept


def test_a_translation_django_builds_again_gets_a_table_of_its_own(settings):
    with translation.override("cy"):
        welsh = catalogue.gettext("Your plans")
    assert welsh != "Your plans"
    translation.activate("cy")
    try:
        settings.LANGUAGES = [*settings.LANGUAGES]  # Django then builds its translations, and their Local, again
        translation.activate("en-gb")
        assert catalogue.gettext("Your plans") == translation.gettext("Your plans") == "Your plans"
        translation.activate("cy")
        assert catalogue.gettext("Your plans") == welsh
        active = trans_real._active.value  # noqa: SLF001
        assert catalogue._TABLES[id(active)].translation is active  # noqa: SLF001
    finally:
        translation.deactivate()
