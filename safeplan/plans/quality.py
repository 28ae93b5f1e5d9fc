"""How good a plan is, not just how full (issue 13, item 4): a short checklist the person and practitioner see while
they write it, as encouragement ("4 of 6 steps have something in them") — never a score, never about the person.

The checks follow what is known to make a safety plan useful: every step has something in it; someone to ask for
help (plans without a help contact were followed by more attempts); professionals and crisis lines, their numbers
checked recently; what to do said specifically (what, where, with whom) rather than "stay positive"; the person's own
words; and a date to look at it again together. A check a plan's template has no place for is left out.

Everything is read from the plan's snapshot as this reader sees it (`snapshots.build_snapshot`), so nothing here
queries anything, and a supporter (who sees only some sections) is never shown it.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_noop as N_

from safeplan.core.dates import long_day
from safeplan.plans.models import Voice

CRISIS_LINES_CHECKED_WITHIN = timedelta(days=365)
# Sections that must not be empty for the plan to work, by the section keys the shipped templates use.
MUST_HAVE = {
    "distraction": N_("At least one person or place to take your mind off things"),
    "surroundings": N_("Something to make surroundings safer, with who will do it"),
}
# Ways of saying something too general to act on in a crisis (lower case, without punctuation).
VAGUE = frozenset(
    {
        "stay positive", "think positive", "be positive", "positive thinking", "keep busy", "keep myself busy",
        "stay busy", "distract myself", "distraction", "distractions", "be strong", "stay strong", "dont do it",
        "try harder", "get help", "cope", "try to cope", "relax", "calm down", "keep calm", "stay calm",
        "not sure", "dunno", "dont know", "see how it goes", "take it easy", "self care", "selfcare",
    }
)  # fmt: skip
WORDS = re.compile(r"[a-z0-9]+")
# The items of the shipped templates that say what to do (a warning sign or what matters may rightly be one word).
TO_DO = frozenset(
    {"on-my-own", "places", "safer", "coping", "keeps-me-well", "feel-safe", "helps", "works-best", "my-role"}
)


@dataclass(frozen=True)
class Check:
    met: bool
    text: str  # what is there, or what could be added, in plain words
    detail: str = ""  # which steps are empty, which entries could say more


def _entries(section: dict[str, Any], kind: str | None = None) -> list[dict[str, Any]]:
    """The entries of a section (of one kind of item), as this reader sees them: the marker of something withheld
    from the person counts as something there, though its words are not."""
    return [entry for item in section["items"] if kind in (None, item["kind"]) for entry in item["entries"]]


def _vague(text: str) -> bool:
    words = WORDS.findall(text.lower().replace("'", "").replace("’", ""))
    return " ".join(words) in VAGUE


def checklist(snapshot: dict[str, Any], *, review_due: date | None, today: date, yours: bool) -> list[Check]:
    """The checks for one plan as it stands. `yours` words it for the person ("your own words")."""
    sections = snapshot["sections"]
    checks = [_steps(sections)]
    crisis = [s for s in sections if s["crisis"]]
    if any(item["kind"] == "contact" for s in crisis for item in s["items"]):
        met = any(_entries(s, "contact") for s in crisis)
        checks.append(Check(met, _("At least one person to ask for help, with their number")))
    for section in sections:
        if section["key"] in MUST_HAVE:
            where = _("In “%(title)s”") % {"title": translated(section["title"])}
            checks.append(Check(bool(_entries(section)), translated(MUST_HAVE[section["key"]]), where))
    if any(s["crisis_lines"] for s in sections):
        checks.append(_crisis_lines(snapshot["crisis_lines"], today))
    checks.append(_specific(sections))
    own = any(entry.get("voice") == Voice.PERSON for s in sections for entry in _entries(s))
    checks.append(Check(own, _("Your own words are in it") if yours else "The person's own words are in it"))
    checks.append(_review(review_due, today))
    return checks


def _steps(sections: list[dict[str, Any]]) -> Check:
    empty = [translated(s["title"]) for s in sections if not _entries(s)]
    filled = len(sections) - len(empty)
    detail = _("Nothing yet in %(parts)s") % {"parts": ", ".join(f"“{title}”" for title in empty)} if empty else ""
    words = {"filled": filled, "count": len(sections)}
    return Check(not empty, _("%(filled)s of %(count)s parts have something in them") % words, detail)


def _crisis_lines(lines: list[dict[str, Any]], today: date) -> Check:
    if not lines:
        return Check(
            False, _("Crisis lines to call at any time"), _("Your service has not listed its crisis lines yet")
        )
    stale = [
        line["name"] for line in lines if date.fromisoformat(line["last_checked"]) < today - CRISIS_LINES_CHECKED_WITHIN
    ]
    if stale:
        not_lately = _("Not checked lately: %(lines)s") % {"lines": ", ".join(stale)}
        return Check(False, _("Crisis line numbers checked in the last year"), not_lately)
    return Check(True, _("Crisis line numbers checked in the last year"))


def _specific(sections: list[dict[str, Any]]) -> Check:
    general = [
        entry["fields"]["text"]
        for section in sections
        for item in section["items"]
        if item["key"] in TO_DO
        for entry in item["entries"]
        if "text" in entry["fields"] and _vague(entry["fields"]["text"])
    ]
    if not general:
        return Check(True, _("Each thing to do says what, where or with whom"))
    quoted = ", ".join(f"“{text}”" for text in general[:3])
    more = _("Could say more: %(quoted)s") % {"quoted": quoted}
    return Check(False, _("Each thing to do says what, where or with whom"), more)


def _review(review_due: date | None, today: date) -> Check:
    if review_due is None:
        return Check(False, _("A date to look at it again together"), _("Set when a version is agreed"))
    if review_due < today:
        due = _("It was due on %(day)s") % {"day": long_day(review_due)}
        return Check(False, _("A date to look at it again together"), due)
    return Check(True, _("A date to look at it again together: %(day)s") % {"day": long_day(review_due)})
