"""What the person's crisis page shows (crisis mode), read from their plans: a public read API for the capability that
shows it (safeplan.crisis), so the page never reaches into snapshots itself.

In order: the next things to try, the people to call or text, the professionals and crisis lines, where to go, and
who not to contact. Nothing else from any plan. The plan is the most recently agreed plan with something in its crisis
parts, else the newest such draft, as this reader may see it: its agreed version where there is one, else its draft,
marked "not yet agreed". Who not to contact comes from every plan as it stands now, agreed or
not, because a name there must never be missed. The organisation's crisis lines show with or without a plan.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_noop

from safeplan.core.phone import dial
from safeplan.people.access import RecordAccess
from safeplan.plans.models import CrisisLine, Plan
from safeplan.plans.presenters import PlanStatus
from safeplan.plans.queries import do_not_contact, plans_with_status
from safeplan.plans.summary_parts import as_seen

# Items of the version 1 templates (started before items were marked) that the crisis page shows: the same items the
# version 2 templates mark with crisis_use.
V1_USES = {
    ("six-step", "on-my-own"): "try",
    ("six-step", "places"): "try",
    ("joint-crisis", "helps"): "try",
    ("joint-crisis", "where"): "where",
    ("person-centred", "feel-safe"): "try",
}


@dataclass(frozen=True)
class Reach:
    """Someone to call or text: a person the person chose, a professional or a crisis line."""

    name: str
    phone: str
    about: str = ""  # who they are to the person, their role, or a line's hours
    how: str = "call"  # "call", "text" or "both"
    opening: str = ""  # what the person could say first, in their words
    no_answer: str = ""  # what to do if nobody answers
    when: str = ""

    @property
    def dial(self) -> str:
        return dial(self.phone)

    @property
    def can_call(self) -> bool:
        return bool(self.dial) and self.how in ("call", "both", "")

    @property
    def can_text(self) -> bool:
        return bool(self.dial) and self.how in ("text", "both")


@dataclass(frozen=True)
class Step:
    """One group of the crisis page, for reading one step at a time."""

    key: str
    heading: str


@dataclass(frozen=True)
class CrisisCard:
    plan_id: str | None
    plan_title: str
    agreed_on: date | None
    draft: bool
    made_at: datetime
    changed_since_agreed: bool = False  # shown: the agreed version, and a line saying it has changed since
    try_first: tuple[str, ...] = ()
    people: tuple[Reach, ...] = ()
    professionals: tuple[Reach, ...] = ()
    crisis_lines: tuple[Reach, ...] = ()
    where: tuple[str, ...] = ()
    do_not_contact: tuple[str, ...] = ()
    steps: tuple[Step, ...] = field(default=())

    @property
    def has_plan(self) -> bool:
        return self.plan_id is not None


def _reach(fields: dict[str, str], *, professional: bool) -> Reach:
    return Reach(
        name=fields.get("name", ""),
        phone=fields.get("phone", ""),
        about=fields.get("relationship", ""),
        how="call" if professional else (fields.get("how") or "call"),
        opening="" if professional else fields.get("opening", ""),
        no_answer="" if professional else fields.get("no_answer", ""),
        when=fields.get("when", ""),
    )


def _do_not_contact(access: RecordAccess) -> tuple[str, ...]:
    """Everyone on a do-not-contact list in any of the person's plans as it stands now: name, and who they are."""
    lines = [f"{name} ({who})" if who else name for name, who in do_not_contact(access.person)]
    return tuple(dict.fromkeys(lines))


_EMPTY: dict[str, list[Any]] = {"try": [], "people": [], "professionals": [], "where": []}


def _candidates(plans: list[tuple[Plan, PlanStatus]]) -> list[tuple[Plan, PlanStatus]]:
    """Plans with a crisis section, the most recently agreed first, then drafts newest first."""
    with_crisis = [(plan, status) for plan, status in plans if any(s.get("crisis") for s in plan.template.sections)]
    agreed = [row for row in with_crisis if row[1].agreed is not None and row[1].agreed.agreed_at is not None]
    agreed.sort(key=lambda row: row[1].agreed.agreed_at or timezone.now(), reverse=True)  # type: ignore[union-attr]
    return agreed + [row for row in with_crisis if row not in agreed]


def _content(access: RecordAccess, plan: Plan, status: PlanStatus) -> dict[str, list[Any]]:
    """The crisis page's groups from one plan, as this reader sees it (agreed version, else draft)."""
    found: dict[str, list[Any]] = {"try": [], "people": [], "professionals": [], "where": []}
    snapshot, _source, _draft = as_seen(access, plan, status)
    template = plan.template
    uses = {(s["key"], i["key"]): i.get("crisis_use", "") for s in template.sections for i in s["items"]}
    if not any(uses.values()):  # a version 1 template: its items are not marked
        uses = {(s, i): V1_USES.get((template.key, i), "") for s, i in uses}
    # The template's own section of professionals (a snapshot also shows the crisis lines in a plan's crisis section)
    professional = {s["key"] for s in plan.template.sections if s.get("crisis_lines")}
    for section in snapshot["sections"]:
        for item in section["items"]:
            entries = [entry["fields"] for entry in item["entries"] if not entry.get("marker")]
            use = uses.get((section["key"], item["key"]), "")
            if item["kind"] == "text" and use in ("try", "where"):
                found[use] += [words["text"] for words in entries if words.get("text")]
            elif item["kind"] == "professional" or (item["kind"] == "contact" and section["key"] in professional):
                found["professionals"] += [_reach(words, professional=True) for words in entries]
            elif item["kind"] == "contact" and section["crisis"]:
                found["people"] += [_reach(words, professional=False) for words in entries]
    return found


# Translated where they are shown (crisis/_steps.jinja).
STEP_HEADINGS = (
    ("try", gettext_noop("Try this first")),
    ("people", gettext_noop("People to call or text")),
    ("professionals", gettext_noop("Professionals and crisis lines")),
    ("where", gettext_noop("Where to go")),
    ("do-not-contact", gettext_noop("Please do not contact")),
)


def crisis_card(access: RecordAccess) -> CrisisCard:
    """The crisis page's contents for this reader (the person, or their care team looking at what the person sees)."""
    lines = tuple(
        Reach(name=line.name, phone=line.phone, about=line.hours, how=line.how, when=line.description)
        for line in CrisisLine.objects.filter(organisation_id=access.person.organisation_id)
    )
    plans = plans_with_status(access.person, access)
    found, chosen = _EMPTY, None
    for plan, status in _candidates(plans):
        content = _content(access, plan, status)
        if chosen is None or any(content.values()):
            found, chosen = content, (plan, status)
        if any(content.values()):
            break
    plan_id, title, agreed_on, draft, changed = None, "", None, False, False
    if chosen is not None:
        plan, status = chosen
        plan_id, title, draft = str(plan.pk), plan.shown_title, status.agreed is None
        changed = status.agreed is not None and status.changed_since_agreed
        if status.agreed is not None and status.agreed.agreed_at is not None:
            agreed_on = timezone.localdate(status.agreed.agreed_at)
    do_not_contact = _do_not_contact(access)
    present = {
        "try": found["try"],
        "people": found["people"],
        "professionals": found["professionals"] or lines,
        "where": found["where"],
        "do-not-contact": do_not_contact,
    }
    return CrisisCard(
        plan_id=plan_id,
        plan_title=title,
        agreed_on=agreed_on,
        draft=draft,
        made_at=timezone.now(),
        changed_since_agreed=changed,
        try_first=tuple(found["try"]),
        people=tuple(found["people"]),
        professionals=tuple(found["professionals"]),
        crisis_lines=lines,
        where=tuple(found["where"]),
        do_not_contact=do_not_contact,
        steps=tuple(Step(key, heading) for key, heading in STEP_HEADINGS if present[key]),
    )
