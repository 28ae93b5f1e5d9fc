"""What the person sees of who has looked at or changed their record: visits, not rows.

The audit trail writes a row for every page and change; a practitioner adding four things to a plan in one sitting
writes many. The person sees one line per visit (the same person, in the same role and for the same reason, with
no more than an hour between one action and the next, on one day): "Priya Natarajan added 4 things to your plan".
Their own visits are never listed (principle 10 the other way round: nothing about the person's own reading is shown
to anyone, and they know what they did). On their own page (`yours=True`) the changes they made to who can see their
record and the copies they took are listed as theirs ("You shared … with Casey Jones", "You downloaded a copy of all
your data"), so a change they did not make stands out; those lines are never in what anyone else is given.

`news` reads the same rows for the person's home: what others changed since the person last looked, one line for each
person and thing ("Sam Okafor (practitioner) added 20 things to your plan, 3 hours ago").
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract
from django.utils.translation import gettext_noop as N_

from safeplan.audit.models import AuditEvent
from safeplan.core.dates import long_day
from safeplan.people.capabilities import registered, shareables, shown_title
from safeplan.people.models import Person, SupportRelationship
from safeplan.people.shares import WHOLE, Share

Action = AuditEvent.Action
VISIT_GAP = timedelta(hours=1)
CHUNK = 500  # audit rows read per page at most

# Words registered for each kind of audited object are English (gettext_noop where they are written) and are
# translated here, where the person's page is built in their language.
BASE_NAMES = {
    "person": N_("your record"),
    "break_glass": N_("your record"),
    "withholding": N_("something not shown to you"),
}
BASE_CREATION = {"withholding": N_("decided not to show you something in your record")}


DID = "did"  # an action with words of its own, such as "put forward a version of your plan"


def object_names() -> tuple[dict[str, str], dict[str, str]]:
    """What each kind of audited object is called on the person's page, and what creating one is called where
    "added to" would mislead (a new version is put forward, not added to); capabilities register their own."""
    names, creation = dict(BASE_NAMES), dict(BASE_CREATION)
    for capability in registered():
        names.update(capability.object_names)
        creation.update(capability.creation_words)
    return names, creation


YOU = N_("You")
# The roles audit rows record (people.access.role_label), for the person's access log in their language.
ROLE_WORDS = (N_("practitioner"), N_("team lead"), N_("administrator"), N_("oversight"), N_("person"))
SHARE = "share"  # the object type of a people.shares.Share in the audit trail


@dataclass(frozen=True)
class Words:
    """Everything the capabilities registered for the person's page: what each kind of audited object is called
    (`object_names`), what creating or changing one is called where "added to" or "changed" would mislead, where each
    can be seen, and which of the person's own changes their log lists."""

    names: dict[str, str]
    creation: dict[str, str]
    change: dict[str, str]
    links: dict[str, Callable[[Any, str], str | None]]
    listed_when_yours: frozenset[str]

    def thing(self, object_type: str) -> str:
        name = self.names.get(object_type)
        return translated(name) if name else object_type.replace("_", " ")

    def done(self, event: AuditEvent) -> tuple[str, str]:
        """(action, thing) for one row; (DID, words) where a capability has words of its own for it."""
        if event.action == Action.CREATE and event.object_type in self.creation:
            return DID, translated(self.creation[event.object_type])
        if event.action == Action.UPDATE and event.object_type in self.change:
            return DID, translated(self.change[event.object_type])
        return event.action, self.thing(event.object_type)

    def link(self, person: Person, event: AuditEvent) -> str | None:
        to = self.links.get(event.object_type)
        return to(person.pk, event.object_id) if to else None


def words() -> Words:
    names, creation = object_names()
    change: dict[str, str] = {}
    links: dict[str, Callable[[Any, str], str | None]] = {}
    listed: set[str] = set()
    for capability in registered():
        change.update(capability.change_words)
        links.update(capability.object_links)
        listed |= capability.listed_when_yours
    return Words(names, creation, change, links, frozenset(listed))


def in_words(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return _("%(these)s and %(last)s") % {"these": ", ".join(items[:-1]), "last": items[-1]}


class Sharing:
    """The person's shares and the people they chose, read once for a page of the log (a few queries, and only when
    the page has a sharing change or a supporter's visit): what was shared with whom, in words, and what a supporter
    could see when they looked."""

    def __init__(self, person: Person) -> None:
        shares = Share.objects.filter(support__person=person).select_related("support__user").order_by("shared_at")
        self.shares = {str(share.pk): share for share in shares}
        chosen = SupportRelationship.objects.filter(person=person).exclude(relationship="")
        self.relationships = dict(chosen.values_list("user_id", "relationship"))
        self.parts: dict[tuple[str, str, str], str] = {}
        for item in shareables(person):
            whole = shown_title(item.title)
            self.parts[(item.object_type, item.object_id, WHOLE)] = f"“{whole}”"
            for key, title in item.parts:
                words = {"part": translated(title), "whole": whole}
                self.parts[(item.object_type, item.object_id, key)] = _("“%(part)s” from “%(whole)s”") % words

    @classmethod
    def needed(cls, person: Person, events: list[AuditEvent]) -> "Sharing | None":
        if any(e.object_type == SHARE or e.purpose == AuditEvent.Purpose.SHARED for e in events):
            return cls(person)
        return None

    def part(self, share: Share) -> str:
        found = self.parts.get((share.object_type, share.object_id, share.part))
        return found or _("something no longer in your record")

    def change(self, event: AuditEvent) -> str | None:
        """ "shared … with Casey Jones", "stopped sharing … with Casey Jones"; None for a share not found."""
        share = self.shares.get(event.object_id)
        if share is None:
            return None
        words = {"part": self.part(share), "name": share.support.user}
        if event.action == Action.CREATE:
            return _("shared %(part)s with %(name)s") % words
        return _("stopped sharing %(part)s with %(name)s") % words

    def shown_to(self, event: AuditEvent) -> str:
        """What the person had shared with this supporter when they looked, in words (empty when nothing was)."""
        day = timezone.localtime(event.at).date()
        parts = [
            self.part(share)
            for share in self.shares.values()
            if share.support.user_id == event.actor_id
            and share.shared_at <= event.at
            and (share.revoked_at is None or share.revoked_at > event.at)
            and (share.ends_on is None or share.ends_on >= day)
        ]
        return _("You shared %(parts)s with them") % {"parts": in_words(list(dict.fromkeys(parts)))} if parts else ""

    def role(self, event: AuditEvent) -> str:
        relationship = self.relationships.get(event.actor_id) if event.actor_id is not None else None
        role = translated(event.actor_role) if event.actor_role else ""
        return f"{role} ({relationship})" if relationship else role


VERBS: dict[str, str] = {  # what was done to a thing, translated as the page is built
    Action.READ: N_("looked at %(thing)s"),
    Action.EXPORT: N_("downloaded %(thing)s"),
    Action.SIGN: N_("signed %(thing)s"),
    Action.AGREE: N_("agreed %(thing)s"),
    Action.BREAK_GLASS_START: N_("started emergency access to %(thing)s"),
    Action.BREAK_GLASS_END: N_("emergency access ended for %(thing)s"),
    Action.REVIEW: N_("checked the emergency access to %(thing)s"),
}


def phrase(action: str, thing: str, times: int) -> str:
    """One thing done in a visit, in words: "looked at your plan (3 times)", "added 4 things to your plan"."""
    words = {"thing": thing, "num": times}
    if action == Action.CREATE:
        return _("added %(num)s things to %(thing)s") % words if times > 1 else _("added to %(thing)s") % words
    if action == Action.UPDATE:
        return _("made %(num)s changes to %(thing)s") % words if times > 1 else _("changed %(thing)s") % words
    done = thing if action == DID else translated(VERBS[action]) % words
    return _("%(done)s (%(num)s times)") % {"done": done, "num": times} if times > 1 else done


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
    could_see: str = ""  # for someone the person chose: what the person had shared with them then, in words

    @property
    def what(self) -> str:
        parts = [phrase(action, thing, times) for (action, thing), times in self.done.items()]
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    @property
    def when(self) -> str:
        first, last = timezone.localtime(self.first), timezone.localtime(self.last)
        day = long_day(first.date())
        start, end = clock(first), clock(last)
        return (
            f"{day}, {start}"
            if start == end
            else _("%(day)s, %(start)s to %(end)s") % {"day": day, "start": start, "end": end}
        )


def clock(moment: datetime) -> str:
    """The time of day as the reader reads it: "9:05am"; Welsh reads the 24-hour clock, "09:05"."""
    return f"{moment:%H:%M}" if translation.get_language() == "cy" else f"{moment:%-I:%M%p}".lower()


def at_time(moment: datetime) -> str:
    """ "3 March 2026 at 9:05am" in the reader's language."""
    local = timezone.localtime(moment)
    return _("%(day)s at %(time)s") % {"day": long_day(local.date()), "time": clock(local)}


def _why(event: AuditEvent) -> tuple[str, bool]:
    emergency = event.purpose == AuditEvent.Purpose.BREAK_GLASS
    why = AuditEvent.Purpose(event.purpose).label if event.purpose in AuditEvent.Purpose.values else event.purpose
    return (event.reason if emergency and event.reason else translated(str(why))), emergency


def _who(person: Person, event: AuditEvent, sharing: Sharing | None) -> Visit:
    """A visit of this one row: who, role, why, and what a supporter could see, as the person's page says them."""
    if person.user_id is not None and event.actor_id == person.user_id:
        return Visit(translated(YOU), "", "", False, event.at, event.at)
    why, emergency = _why(event)
    role = translated(event.actor_role) if event.actor_role else ""
    visit = Visit(event.actor_name or "safeplan", role, why, emergency, event.at, event.at)
    if sharing is not None and event.purpose == AuditEvent.Purpose.SHARED:
        visit.role = sharing.role(event)
        visit.could_see = sharing.shown_to(event) if event.action == Action.READ else ""
    return visit


def _same_visit(visit: Visit, this: Visit) -> bool:
    same_day = timezone.localtime(visit.first).date() == timezone.localtime(this.first).date()
    same = (visit.who, visit.role, visit.why, visit.could_see) == (this.who, this.role, this.why, this.could_see)
    return same and same_day and visit.first - this.first <= VISIT_GAP


def _done(event: AuditEvent, said: Words, sharing: Sharing | None) -> tuple[str, str]:
    if event.object_type == SHARE and sharing is not None and (change := sharing.change(event)):
        return DID, change
    return said.done(event)


def visits(
    person: Person, *, before_seq: int | None = None, limit: int = 20, yours: bool = False
) -> tuple[list[Visit], int | None]:
    """Visits by others to this person's record, newest first, and the sequence number to continue from (or None).
    With `yours` (the person's own page only), also the person's own changes to who can see their record and the
    copies they took, as "You"."""
    said = words()
    events = AuditEvent.objects.filter(person_id=person.pk, action__in=SHOWN_ACTIONS)
    if person.user_id:
        shown = ~Q(actor_id=person.user_id)
        if yours:
            changes = [Action.CREATE, Action.UPDATE]
            shown |= Q(action=Action.EXPORT) | Q(object_type__in=said.listed_when_yours, action__in=changes)
        events = events.filter(shown)
    if before_seq:
        events = events.filter(seq__lt=before_seq)
    chunk = list(events.order_by("-seq")[:CHUNK])
    sharing = Sharing.needed(person, chunk)
    found: list[Visit] = []
    for event in chunk:
        this = _who(person, event, sharing)
        if not found or not _same_visit(found[-1], this):
            if len(found) == limit:
                return found, found[-1].oldest_seq
            found.append(this)
        visit = found[-1]
        visit.first = event.at  # events come newest first: the visit started no later than this
        visit.done[_done(event, said, sharing)] += 1
        visit.oldest_seq = event.seq
    for visit in found:  # read newest first, told in the order it happened
        visit.done = Counter(dict(reversed(list(visit.done.items()))))
    more = found[-1].oldest_seq if found and len(chunk) == CHUNK else None
    return found, more


# --- "New since you last looked" on the person's home: changes by others, grouped by who and what.

CHANGES = [Action.CREATE, Action.UPDATE, Action.SIGN, Action.AGREE, Action.BREAK_GLASS_START]


def changes_by_others(person: Person) -> QuerySet[AuditEvent]:
    """Every change to the person's record by anyone but the person (care team, supporters, emergency access),
    including the start of emergency access; reads are in the access log, not here."""
    events = AuditEvent.objects.filter(person_id=person.pk, action__in=CHANGES)
    return events.exclude(actor_id=person.user_id) if person.user_id else events


@dataclass
class Change:
    """What one person did to one thing in the record since the person last looked: one line however many rows."""

    who: str
    role: str
    emergency: bool
    reason: str
    thing: str
    link: str | None
    newest: datetime
    done: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def what(self) -> str:
        """ "started a plan and added 4 things to it", "made 20 changes to your plan"."""
        told = [
            phrase(action, thing if n == 0 or action == DID else _("it"), times)
            for n, ((action, thing), times) in enumerate(self.done.items())
        ]
        return in_words(told)

    @property
    def count(self) -> int:
        return sum(self.done.values())

    def ago(self, now: datetime | None = None) -> str:
        """ "3 hours ago", "just now"."""
        now = now or timezone.now()
        if now - self.newest < timedelta(minutes=1):
            return _("just now")
        return (_("%(time)s ago") % {"time": timesince(self.newest, now, depth=1)}).replace("\xa0", " ")

    @property
    def when(self) -> str:
        return at_time(self.newest)


@dataclass
class News:
    """What is new for the person: the newest `limit` changes, whether there are more (in the access log), and the
    audit sequence number of the newest change shown (what "I've seen these" records)."""

    changes: list[Change]
    more: bool
    newest_seq: int | None


def news(person: Person, *, after_seq: int = 0, since: datetime | None = None, limit: int = 5) -> News:
    """Changes by others after audit row `after_seq` (and, if given, no earlier than `since`), newest first, one line
    for each (who, role, thing, link). One query, plus none: the words and links are registered, not looked up."""
    events = changes_by_others(person).filter(seq__gt=after_seq)
    if since is not None:
        events = events.filter(at__gte=since)
    chunk = list(events.order_by("-seq")[:CHUNK])
    said = words()
    groups: dict[tuple[Any, ...], Change] = {}
    for event in chunk:
        emergency = event.purpose == AuditEvent.Purpose.BREAK_GLASS
        thing, link = said.thing(event.object_type), said.link(person, event)
        who = event.actor_name or "safeplan"
        key = (event.actor_id, who, event.actor_role, emergency, thing, link)
        if key not in groups:
            reason = event.reason if emergency else ""
            groups[key] = Change(who, event.actor_role, emergency, reason, thing, link, event.at)
        groups[key].done[said.done(event)] += 1
    for change in groups.values():  # read newest first, told in the order it happened
        change.done = Counter(dict(reversed(list(change.done.items()))))
    found = list(groups.values())
    return News(found[:limit], len(found) > limit or len(chunk) == CHUNK, chunk[0].seq if chunk else None)
