"""What a concern can be about: one thing in the record the raiser can see (a plan, an entry in one, a version, a
decision, the marker of something withheld — each named by the capability that owns it, through
`people.capabilities.describe`), something the service did or did not do, or anything else in the raiser's words.

A link beside any one thing ("Raise a concern about this", registered as an item action) carries its reference; the
raise form checks it again against what the raiser may see, on the page and when it is sent, so a reference typed
into the address never names, or reveals the existence of, something the raiser may not see.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_noop as N_

from safeplan.core.dates import long_day
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import WITHHELD, Described, describe, ref, registered, shareables, shown_title, theme

SERVICE_ACTION = "service_action"  # the object type of "something the service did": its part is one of these keys
SERVICE_ACTIONS = {  # stored in English (a concern's words); translated where shown (`shown_about`)
    "admission": N_("Being admitted to hospital"),
    "leaving_hospital": N_("Leaving hospital"),
    "detention": N_("Being detained under the Mental Health Act"),
    "medicines": N_("A change to medicines"),
    "appointments": N_("Appointments, or not being offered one"),
    "worker": N_("A change of care coordinator or key worker"),
    "manner": N_("How someone spoke or listened"),
    "contact": N_("Who was contacted, or not contacted"),
}
SERVICE_THEME = "Something the service did"
ELSE_THEME = "Something else"


@dataclass(frozen=True)
class About:
    """What a concern is about, as the raiser saw it."""

    words: str
    object_type: str = ""
    object_id: str = ""
    part: str = ""


def choices(access: RecordAccess, linked: str = "") -> dict[str, About]:
    """{reference: About} for each thing the raiser may choose: the thing they came from (first), then each plan and
    decision of the person's they can see. Each is named by the capability that owns it."""
    found: dict[str, About] = {}
    linked_about = resolve(access, linked) if linked else None
    if linked_about is not None:
        found[linked] = linked_about
    for item in shareables(access.person):
        if access.is_supporter and not access.parts_shared(item.object_type, item.object_id):
            continue
        found.setdefault(
            ref(item.object_type, item.object_id), About(f"“{item.title}”", item.object_type, item.object_id)
        )
    return found


def resolve(access: RecordAccess, reference: str) -> About | None:
    """The thing a reference names, as an About, if this reader may see it (else None)."""
    described = describe(access, reference)
    if described is None:
        return None
    object_type, object_id, part = reference.split(":")
    return About(described.words, object_type, object_id, part)


def service_action(key: str) -> About | None:
    words = SERVICE_ACTIONS.get(key)
    return About(words, SERVICE_ACTION, "", key) if words else None


def where(access: RecordAccess, object_type: str, object_id: str, part: str) -> Described | None:
    """Where the reader can see what a concern is about, if it is a thing they may still see (a query)."""
    if not object_type or object_type == SERVICE_ACTION:
        return None
    return describe(access, ref(object_type, object_id, part))


def theme_of(object_type: str) -> str:
    """What kind of thing a concern was about, for the learning page (never its words)."""
    if object_type == SERVICE_ACTION:
        return SERVICE_THEME
    return theme(object_type) or ELSE_THEME


def themes() -> list[str]:
    """Every kind of thing, in a fixed order (each capability's, something withheld, the service's, anything else)."""
    ordered = [words for capability in registered() for words in capability.themes.values()]
    ordered += [theme(WITHHELD), SERVICE_THEME, ELSE_THEME]
    return list(dict.fromkeys(ordered))


def raise_link(access: RecordAccess) -> Callable[[str], str] | None:
    """The link beside any one thing, for a reader who may raise a concern here (not the care team, who record ones
    that came another way from the concerns page, nor emergency access)."""
    from safeplan.concerns.services import ConcernError, raiser_for

    try:
        who = raiser_for(access)
    except ConcernError:
        return None
    if who.recording:
        return None
    base = reverse("concern_raise", kwargs={"person_id": access.person.pk})
    return lambda reference: f"{base}?{urlencode({'about': reference})}"


# What a concern is about is kept in English, in the words the capability that owns the thing named it with when the
# concern was raised (`people.capabilities.describe`, or a shareable's title in quotes). A page shows those words in
# the reader's language: each shape below is one a capability names things in (its frame translated, a plan's title
# and section as the catalogue has them, anyone's own words as written); anything else is shown as stored.
_TITLE = "“(?P<title>.*)”"
_IN_SECTION = r"“(?P<title>.*?)”, in “(?P<section>[^”]*)”: (?P<question>.*)"
_SHAPES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(f"An entry in {_IN_SECTION}", re.S), N_("An entry in “%(title)s”, in “%(section)s”")),
    (re.compile(f"A different view in {_IN_SECTION}", re.S), N_("A different view in “%(title)s”, in “%(section)s”")),
    (re.compile(f"An entry in {_TITLE}", re.S), N_("An entry in “%(title)s”")),
    (re.compile(f"A different view in {_TITLE}", re.S), N_("A different view in “%(title)s”")),
    (
        re.compile(rf"Version (?P<number>\d+) of {_TITLE}, agreed on (?P<day>.+)", re.S),
        N_("Version %(number)s of “%(title)s”, agreed on %(day)s"),
    ),
    (
        re.compile(rf"Version (?P<number>\d+) of {_TITLE}, not agreed", re.S),
        N_("Version %(number)s of “%(title)s”, not agreed"),
    ),
    (re.compile("The decision “(?P<words>.*)”", re.S), N_("The decision “%(words)s”")),
    (re.compile("Your safety summary"), N_("Your safety summary")),
    (re.compile("(?P<name>.+)'s safety summary", re.S), N_("%(name)s's safety summary")),
    (
        re.compile(r"Something not shown to (?P<name>.+?), since (?P<day>.+?) \(decided by (?P<by>.+)\)", re.S),
        N_("Something not shown to %(name)s, since %(day)s (decided by %(by)s)"),
    ),
    (re.compile(_TITLE, re.S), ""),  # a plan, a decision or the summary, by its title in quotes
]


def _shown_day(text: str) -> str:
    """A day kept in English words ("3 March 2026") in the reader's language."""
    try:
        return long_day(datetime.strptime(text, "%d %B %Y").date())  # noqa: DTZ007 - a day, not a moment
    except ValueError:
        return text


def shown_about(words: str, object_type: str, part: str) -> tuple[str, str]:
    """What a concern is about, from its stored (English) words, as the reader reads it: (what and where; the item's
    question beneath it, or ""). In English, the stored words exactly (joined by ": " when there is a question)."""
    if not object_type:
        return words, ""  # the raiser's own words
    if object_type == SERVICE_ACTION:
        return (translated(words) if SERVICE_ACTIONS.get(part) == words else words), ""
    for shape, frame in _SHAPES:
        found = shape.fullmatch(words)
        if found is None:
            continue
        values = found.groupdict()
        question = values.pop("question", "")
        if "title" in values:
            values["title"] = shown_title(values["title"])
        if values.get("section"):
            values["section"] = translated(values["section"])
        if "day" in values:
            values["day"] = _shown_day(values["day"])
        heading = translated(frame) % values if frame else f"“{values['title']}”"
        return heading, translated(question) if question else ""
    if "”: " in words:
        where, question = words.split("”: ", 1)
        return f"{where}”", question
    return words, ""


def shown_choice(about: About) -> str:
    """A choice on the raise form in the reader's language (what is kept, `about.words`, stays English)."""
    heading, question = shown_about(about.words, about.object_type, about.part)
    return f"{heading}: {question}" if question else heading
