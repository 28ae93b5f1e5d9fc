"""What the person sees of who has looked at or changed their record: visits, not rows.

The audit trail writes a row for every page and change; a practitioner adding four things to a plan in one sitting
writes many. The person sees one line per visit (the same person, in the same role and for the same reason, with
no more than an hour between one action and the next, on one day): "Priya Natarajan added 4 things to your plan".
Their own visits are never listed (principle 10 the other way round: nothing about the person's own reading is shown
to anyone, and they know what they did).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.people.capabilities import registered
from safeplan.people.models import Person

Action = AuditEvent.Action
VISIT_GAP = timedelta(hours=1)
CHUNK = 500  # audit rows read per page at most

BASE_NAMES = {"person": "your record", "break_glass": "your record"}


DID = "did"  # an action with words of its own, such as "put forward a version of your plan"


def object_names() -> tuple[dict[str, str], dict[str, str]]:
    """What each kind of audited object is called on the person's page, and what creating one is called where
    "added to" would mislead (a new version is put forward, not added to); capabilities register their own."""
    names, creation = dict(BASE_NAMES), {}
    for capability in registered():
        names.update(capability.object_names)
        creation.update(capability.creation_words)
    return names, creation


def phrase(action: str, thing: str, times: int) -> str:
    """One thing done in a visit, in words: "looked at your plan (3 times)", "added 4 things to your plan"."""
    counted = f" ({times} times)" if times > 1 else ""
    if action == DID:
        return f"{thing}{counted}"
    if action == Action.CREATE:
        return f"added {times} things to {thing}" if times > 1 else f"added to {thing}"
    if action == Action.UPDATE:
        return f"made {times} changes to {thing}" if times > 1 else f"changed {thing}"
    verbs: dict[str, str] = {
        Action.READ: "looked at",
        Action.EXPORT: "downloaded",
        Action.SIGN: "signed",
        Action.AGREE: "agreed",
        Action.BREAK_GLASS_START: "started emergency access to",
        Action.BREAK_GLASS_END: "emergency access ended for",
        Action.REVIEW: "checked the emergency access to",
    }
    return f"{verbs[action]} {thing}{counted}"


SHOWN_ACTIONS = [
    Action.READ,
    Action.CREATE,
    Action.UPDATE,
    Action.EXPORT,
    Action.BREAK_GLASS_START,
    Action.BREAK_GLASS_END,
    Action.REVIEW,
    Action.SIGN,
    Action.AGREE,
]


@dataclass
class Visit:
    """One person's visit to the record: who, in what role, why, when, and what they did (in the order done)."""

    who: str
    role: str
    why: str
    emergency: bool
    first: datetime
    last: datetime
    done: Counter[tuple[str, str]] = field(default_factory=Counter)
    oldest_seq: int = 0

    @property
    def what(self) -> str:
        parts = [phrase(action, thing, times) for (action, thing), times in self.done.items()]
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    @property
    def when(self) -> str:
        first, last = timezone.localtime(self.first), timezone.localtime(self.last)
        day = f"{first:%-d %B %Y}"
        start = f"{first:%-I:%M%p}".lower()
        end = f"{last:%-I:%M%p}".lower()
        return f"{day}, {start}" if start == end else f"{day}, {start} to {end}"


def _why(event: AuditEvent) -> tuple[str, bool]:
    emergency = event.purpose == AuditEvent.Purpose.BREAK_GLASS
    why = AuditEvent.Purpose(event.purpose).label if event.purpose in AuditEvent.Purpose.values else event.purpose
    return (event.reason if emergency and event.reason else str(why)), emergency


def _same_visit(visit: Visit, event: AuditEvent, why: str) -> bool:
    same_day = timezone.localtime(visit.first).date() == timezone.localtime(event.at).date()
    return (
        visit.who == (event.actor_name or "safeplan")
        and visit.role == event.actor_role
        and visit.why == why
        and same_day
        and visit.first - event.at <= VISIT_GAP
    )


def visits(person: Person, *, before_seq: int | None = None, limit: int = 20) -> tuple[list[Visit], int | None]:
    """Visits by others to this person's record, newest first, and the sequence number to continue from (or None)."""
    events = AuditEvent.objects.filter(person_id=person.pk, action__in=SHOWN_ACTIONS)
    if person.user_id:
        events = events.exclude(actor_id=person.user_id)
    if before_seq:
        events = events.filter(seq__lt=before_seq)
    chunk = list(events.order_by("-seq")[:CHUNK])
    names, creation = object_names()
    found: list[Visit] = []
    for event in chunk:
        why, emergency = _why(event)
        if not found or not _same_visit(found[-1], event, why):
            if len(found) == limit:
                return found, found[-1].oldest_seq
            found.append(Visit(event.actor_name or "safeplan", event.actor_role, why, emergency, event.at, event.at))
        visit = found[-1]
        visit.first = event.at  # events come newest first: the visit started no later than this
        if event.action == Action.CREATE and event.object_type in creation:
            visit.done[(DID, creation[event.object_type])] += 1
        else:
            thing = names.get(event.object_type, event.object_type.replace("_", " "))
            visit.done[(event.action, thing)] += 1
        visit.oldest_seq = event.seq
    for visit in found:  # read newest first, told in the order it happened
        visit.done = Counter(dict(reversed(list(visit.done.items()))))
    more = found[-1].oldest_seq if found and len(chunk) == CHUNK else None
    return found, more
