"""What the person reads about their sharing: who sees what now, and what was shared when.

The same words serve "All my data" (circle.export), which is stored and stays English: `share_titles` speaks the
reader's language only when asked to (`shown=True`, for the pages)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_noop as N_

from safeplan.core.dates import long_day
from safeplan.people.capabilities import Shareable, shareables, shown_title
from safeplan.people.models import Person, SupportRelationship
from safeplan.people.shares import ADVOCACY, WHOLE, Share

PART_OF = N_("“%(part)s” from “%(title)s”")
ALL_OF = N_("all of “%(title)s”")
PERMISSION_TO = N_("permission to %(what)s")
# Each thing an advocate may do, as one phrase (Welsh mutates the word after "to"): PERMISSION_TO is the fallback.
PERMISSIONS = {"raise_concerns": N_("permission to raise concerns or complaints on your behalf")}
AND_ADD = N_("%(what)s, and to add their own words there")
GONE = N_("something that is no longer there")
UNTIL = N_("%(what)s until %(day)s")
GAVE, SHARED = N_("You gave %(what)s"), N_("You shared %(what)s")
STOPPED, STOPPED_SHARING = N_("You stopped %(what)s"), N_("You stopped sharing %(what)s")


def _as_stored(text: str) -> str:
    return text


def share_titles(items: list[Shareable], *, shown: bool = False) -> dict[tuple[str, str, str], str]:
    """Words for each (object type, object id, part) the person may share, as the sharing pages say them: in English
    (what "All my data" keeps), or with `shown` in the reader's language."""
    say: Callable[[str], str] = translated if shown else _as_stored
    title_of: Callable[[str], str] = shown_title if shown else _as_stored
    titles = {}
    for item in items:
        key = (item.object_type, item.object_id)
        if item.object_type == ADVOCACY:
            for part, words in item.parts:
                if part in PERMISSIONS:
                    titles[(*key, part)] = say(PERMISSIONS[part])
                else:
                    titles[(*key, part)] = say(PERMISSION_TO) % {"what": f"{words[0].lower()}{words[1:]}"}
            continue
        title = title_of(item.title)
        for part, part_title in item.parts:
            titles[(*key, part)] = say(PART_OF) % {"part": say(part_title), "title": title}
        titles[(*key, WHOLE)] = say(ALL_OF) % {"title": title}
    return titles


def _what(titles: dict[tuple[str, str, str], str], share: Share) -> str:
    what = titles.get((share.object_type, share.object_id, share.part), translated(GONE))
    return translated(AND_ADD) % {"what": what} if share.may_add else what


@dataclass
class SupporterRow:
    support: SupportRelationship
    sees: list[str]  # "“If I am in crisis” from “My joint crisis plan”"


def sharing_summary(person: Person, supporters: list[SupportRelationship]) -> list[SupporterRow]:
    titles = share_titles(shareables(person), shown=True)
    shares = Share.objects.current().filter(support__in=supporters).exclude(object_type=ADVOCACY).order_by("shared_at")
    by_support: dict[int, list[str]] = {}
    for share in shares:
        what = _what(titles, share)
        if share.ends_on:
            what = translated(UNTIL) % {"what": what, "day": long_day(share.ends_on)}
        by_support.setdefault(share.support_id, []).append(what)
    return [SupporterRow(support, by_support.get(support.pk, [])) for support in supporters]


@dataclass
class HistoryLine:
    at: datetime
    text: str


def sharing_history(support: SupportRelationship, items: list[Shareable]) -> list[HistoryLine]:
    """Every share with this supporter and when it stopped, newest first: "You shared … on …"."""
    titles = share_titles(items, shown=True)
    lines = []
    for share in Share.objects.filter(support=support):
        what = _what(titles, share)
        advocacy = share.object_type == ADVOCACY
        lines.append(HistoryLine(share.shared_at, translated(GAVE if advocacy else SHARED) % {"what": what}))
        if share.revoked_at:
            lines.append(
                HistoryLine(share.revoked_at, translated(STOPPED if advocacy else STOPPED_SHARING) % {"what": what})
            )
    return sorted(lines, key=lambda line: line.at, reverse=True)
