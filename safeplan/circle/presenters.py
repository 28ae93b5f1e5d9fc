"""What the person reads about their sharing: who sees what now, and what was shared when."""

from dataclasses import dataclass
from datetime import datetime

from safeplan.people.capabilities import Shareable, shareables
from safeplan.people.models import Person, SupportRelationship
from safeplan.people.shares import ADVOCACY, WHOLE, Share


@dataclass
class SupporterRow:
    support: SupportRelationship
    sees: list[str]  # "“If I am in crisis” from “My joint crisis plan”"


def share_titles(items: list[Shareable]) -> dict[tuple[str, str, str], str]:
    """Words for each (object type, object id, part) the person may share, as the sharing pages say them."""
    titles = {}
    for item in items:
        key = (item.object_type, item.object_id)
        if item.object_type == ADVOCACY:
            for part, words in item.parts:
                titles[(*key, part)] = f"permission to {words[0].lower()}{words[1:]}"
            continue
        for part, title in item.parts:
            titles[(*key, part)] = f"“{title}” from “{item.title}”"
        titles[(*key, WHOLE)] = f"all of “{item.title}”"
    return titles


def _what(titles: dict[tuple[str, str, str], str], share: Share) -> str:
    what = titles.get((share.object_type, share.object_id, share.part), "something that is no longer there")
    return what + (", and to add their own words there" if share.may_add else "")


def sharing_summary(person: Person, supporters: list[SupportRelationship]) -> list[SupporterRow]:
    titles = share_titles(shareables(person))
    shares = Share.objects.current().filter(support__in=supporters).exclude(object_type=ADVOCACY).order_by("shared_at")
    by_support: dict[int, list[str]] = {}
    for share in shares:
        until = f" until {share.ends_on:%-d %B %Y}" if share.ends_on else ""
        by_support.setdefault(share.support_id, []).append(_what(titles, share) + until)
    return [SupporterRow(support, by_support.get(support.pk, [])) for support in supporters]


@dataclass
class HistoryLine:
    at: datetime
    text: str


def sharing_history(support: SupportRelationship, items: list[Shareable]) -> list[HistoryLine]:
    """Every share with this supporter and when it stopped, newest first: "You shared … on …"."""
    titles = share_titles(items)
    lines = []
    for share in Share.objects.filter(support=support):
        what = _what(titles, share)
        lines.append(
            HistoryLine(share.shared_at, f"You gave {what}" if share.object_type == ADVOCACY else f"You shared {what}")
        )
        if share.revoked_at:
            lines.append(
                HistoryLine(
                    share.revoked_at,
                    f"You stopped {what}" if share.object_type == ADVOCACY else f"You stopped sharing {what}",
                )
            )
    return sorted(lines, key=lambda line: line.at, reverse=True)
