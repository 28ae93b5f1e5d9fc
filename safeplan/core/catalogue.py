"""gettext at the cost of a dictionary lookup, for the words safeplan ships (issue 16).

A plan page looks up some 500 words, and Django's gettext costs 2 to 5 µs each: it asks Python's gettext, which for a
word the English catalogue lacks works out a plural form and tries the fallbacks every time. Here, for each
translation Django has active, every word of the catalogues (Django's and safeplan's, as compiled) is looked up once
per process, and each call after that is one lookup in a dictionary.

Only catalogue words are kept: anything else (a word no catalogue has, a lazy or marked-safe string) goes to Django's
gettext as before and is never stored, so nothing a person wrote can end up in the table. A translation Django builds
again (new .mo files while developing, tests that change LANGUAGES) gets a new table.
`core/tests/test_catalogue.py` checks that every word reads as Django's gettext reads it, in every language.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as django_gettext
from django.utils.translation import trans_real
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup


@dataclass(frozen=True)
class _Table:
    translation: object
    words: dict[str, str]  # msgid -> its words in this translation
    markup: dict[str, Markup]  # msgid -> what a template's _("…") without variables shows (escaped words, "%%" read)


_TABLES: dict[int, _Table] = {}  # by id() of Django's translation object


def _active_table() -> _Table | None:
    # Django's own gettext reads this Local; read it afresh each time, as Django replaces it when settings or .mo
    # files change.
    active = getattr(trans_real._active, "value", None)  # type: ignore[attr-defined]  # noqa: SLF001
    if active is None or getattr(active, "_catalog", None) is None:  # none active, or no catalogue (a null one)
        return None
    table = _TABLES.get(id(active))
    if table is None or table.translation is not active:
        table = _table(active)
        _TABLES[id(active)] = table
    return table


def gettext(message: str) -> str:
    """What Django's gettext gives for `message` in the active language."""
    table = _active_table() if type(message) is str else None
    return _looked_up(table.words, message) if table is not None else django_gettext(message)


def _looked_up(words: dict[str, str], message: str) -> str:
    found = words.get(message) if type(message) is str else None
    return django_gettext(message) if found is None else found


def bound_gettext() -> Callable[[str], str]:
    """`gettext` for the language active now, its table looked up once rather than once a word: for one page's
    drawing, which looks up hundreds of words and never changes language part way through."""
    table = _active_table()
    if table is None:
        return gettext
    return partial(_looked_up, table.words)


@pass_context
def template_gettext(__context: Context, __string: str, **variables: Any) -> str:
    """Templates' _("…") and gettext("…"): what Jinja's own "newstyle" gettext gives (the words as Markup when the
    template escapes, then always formatted with `variables`, so "%%" reads "%"), without its three calls a word."""
    if not variables and __context.eval_ctx.autoescape:
        table = _active_table() if type(__string) is str else None
        shown = table.markup.get(__string) if table is not None else None
        if shown is not None:
            return shown
    words: str = gettext(__string)
    if __context.eval_ctx.autoescape:
        words = Markup(words)  # noqa: S704 - the catalogues' own words, as Jinja's newstyle gettext marks them
    return words % variables


def _table(active: object) -> _Table:
    catalog = getattr(active, "_catalog", None)
    known = set(catalog.keys()) | _shipped_keys() if catalog is not None else set()
    words = {key: active.gettext(key) for key in known if isinstance(key, str) and key and "\r" not in key}  # type: ignore[attr-defined]
    markup = {}
    for key, value in words.items():
        try:
            markup[key] = Markup(value) % {}  # noqa: S704 - the catalogues' own words, as Jinja marks them
        except (KeyError, TypeError, ValueError):  # a placeholder: only ever shown with its variables
            continue
    return _Table(active, words, markup)


def _shipped_keys() -> set:
    """Every word any of safeplan's languages has a translation for (English has few of its own: Welsh has them)."""
    keys: set = set()
    for code, _name in settings.LANGUAGES:
        catalog = getattr(trans_real.translation(code), "_catalog", None)
        keys |= set(catalog.keys()) if catalog is not None else set()
    return keys
