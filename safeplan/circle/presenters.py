"""What the person reads about their sharing: who sees what now, and what was shared when."""

from dataclasses import dataclass
from datetime import datetime

from safeplan.people.models import Person, SupportRelationship
from safeplan.people.shares import Share
from safeplan.plans.models import Plan
from safeplan.plans.queries import SHARED_AS, plans_of


@dataclass
class SupporterRow:
    support: SupportRelationship
    sees: list[str]  # "If I am in crisis, from My joint crisis plan"


def _section_titles(plans: list[Plan]) -> dict[tuple[str, str], str]:
    titles = {}
    for plan in plans:
        for section in plan.template.sections:
            titles[(str(plan.pk), section["key"])] = f"“{section['title']}” from “{plan.title}”"
        titles[(str(plan.pk), "")] = f"all of “{plan.title}”"
    return titles


def sharing_summary(person: Person, supporters: list[SupportRelationship]) -> list[SupporterRow]:
    titles = _section_titles(plans_of(person))
    shares = Share.objects.current().filter(support__in=supporters, object_type=SHARED_AS).order_by("shared_at")
    by_support: dict[int, list[str]] = {}
    for share in shares:
        what = titles.get((share.object_id, share.part), "something that is no longer there")
        until = f" until {share.ends_on:%-d %B %Y}" if share.ends_on else ""
        by_support.setdefault(share.support_id, []).append(what + until)
    return [SupporterRow(support, by_support.get(support.pk, [])) for support in supporters]


@dataclass
class HistoryLine:
    at: datetime
    text: str


def sharing_history(support: SupportRelationship, plans: list[Plan]) -> list[HistoryLine]:
    """Every share with this supporter and when it stopped, newest first: "You shared … on …"."""
    titles = _section_titles(plans)
    lines = []
    for share in Share.objects.filter(support=support, object_type=SHARED_AS):
        what = titles.get((share.object_id, share.part), "something that is no longer there")
        lines.append(HistoryLine(share.shared_at, f"You shared {what}"))
        if share.revoked_at:
            lines.append(HistoryLine(share.revoked_at, f"You stopped sharing {what}"))
    return sorted(lines, key=lambda line: line.at, reverse=True)
