"""The Jinja2 environment: NHS.UK frontend macros, url(), static(), and display filters."""

from datetime import date, datetime
from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.utils import dateformat, timezone, translation
from jinja2 import ChainableUndefined, Environment, FileSystemBytecodeCache

from safeplan.core import catalogue
from safeplan.core.dates import long_day
from safeplan.core.phone import dial
from safeplan.core.urls import fast_reverse
from safeplan.people.withholding import withheld_words


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """Django's reverse(), at the cost of a string format (core/urls.py)."""
    return fast_reverse(name, *args, **kwargs)


def words(text: str | None) -> str:
    """Words that come from data shipped with safeplan (a plan template's prompts and titles), in the reader's
    language where the catalogue has them, else as written. Plain gettext: nothing in them is a placeholder."""
    return catalogue.gettext(text) if text else ""


def _welsh() -> bool:
    return translation.get_language() == "cy"


def london(value: datetime | None, fmt: str = "%-d %B %Y at %-I:%M%p") -> str:
    """A UTC datetime shown in Europe/London, e.g. '3 March 2026 at 2:05pm' (in Welsh, '3 Mawrth 2026 am 14:05')."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if _welsh() and fmt == "%-d %B %Y at %-I:%M%p":
        return dateformat.format(local, "j F Y \\a\\m H:i")
    return local.strftime(fmt).replace("AM", "am").replace("PM", "pm")


def day(value: date | None) -> str:
    """A date, e.g. '3 March 2026' (in Welsh, '3 Mawrth 2026': Django's own month names)."""
    return long_day(value) if value else ""


def day_of(value: datetime | None) -> str:
    """The London day of a moment in words: '3 March 2026' (in Welsh, '3 Mawrth 2026')."""
    return long_day(timezone.localtime(value).date()) if value else ""


def nhs_number(value: str | None) -> str:
    """Show an NHS number in the 3-3-4 groups people read aloud."""
    if not value:
        return ""
    return f"{value[:3]} {value[3:6]} {value[6:]}"


def environment(**options: Any) -> Environment:
    options["undefined"] = ChainableUndefined  # Django passes its own default; the NHS macros need this one
    if not options.get("auto_reload"):
        # Compiled templates kept on disk between processes (a new worker's first pages need not compile the layout
        # and the NHS macros again): Jinja's own cache, in a directory only this user may read and write.
        try:
            options.setdefault("bytecode_cache", FileSystemBytecodeCache())
        except (OSError, RuntimeError):  # no private temporary directory: compile in each process, as before
            pass
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    options.setdefault("extensions", ["jinja2.ext.do", "jinja2.ext.i18n"])
    env = Environment(**options)  # noqa: S701 - Django's backend turns autoescape on
    # Person-facing words are translatable (Welsh: locale/cy): _("…"), gettext and ngettext through Django's catalogues.
    # gettext from core/catalogue.py: Django's, at the cost of a dictionary lookup for the catalogues' own words.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        catalogue.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.globals.update({"gettext": catalogue.template_gettext, "_": catalogue.template_gettext})
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "get_language": translation.get_language,
            "words": words,
            "withheld_sentence": withheld_words,
        }
    )
    env.filters.update({"london": london, "day": day, "day_of": day_of, "nhs_number": nhs_number, "dial": dial})
    return env
