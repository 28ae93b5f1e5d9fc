"""How a capability plugs into the pages that gather every capability (the `site` app), without `site`'s lower
neighbours importing it and without `site` naming it.

A capability registers once, from its AppConfig.ready():

    from safeplan.people.capabilities import Capability, RecordPart, register
    register(Capability("decisions", record_parts=[RecordPart("decisions/_record_part.jinja", part_context)]))

`site` then shows each registered part on the care team's record page and on the person's "Your record" page, adds
the navigation links, the caseload columns, and runs the demo seeders, in INSTALLED_APPS order.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext as translated  # words from data, not literals to extract

from safeplan.people.access import RecordAccess
from safeplan.people.measures import Measure
from safeplan.people.models import Organisation, Person, SupportRelationship, User


@dataclass(frozen=True)
class RecordPart:
    """A capability's part of a person's record page. The template is included with `part` (what `context`
    returned), `person` and `access` in its context; it serves the care team's page and the person's own."""

    template: str
    context: Callable[[RecordAccess], dict[str, Any]] = lambda access: {}


@dataclass(frozen=True)
class NavLink:
    """A link in the header navigation; `href` returns None for users it is not for."""

    text: "str | StrPromise"  # a translatable word (gettext_lazy) is read in the request's language
    href: Callable[[User], str | None]


@dataclass(frozen=True)
class CaseloadColumn:
    """A column of the caseload table: which of the listed people are flagged (one query for the whole page)."""

    heading: str
    flagged: Callable[[list[UUID]], set[UUID]]
    flag: str
    otherwise: str


@dataclass(frozen=True)
class WithheldThing:
    """One thing a capability found in a record, as the care team sees it while deciding to withhold it."""

    heading: str  # what and where, in words: "An entry in “My risk and safety plan”, section “…”"
    rows: list[tuple[str, str]]  # its words as (label, value) pairs
    back: str  # the page it sits on, with an anchor
    container_id: str = ""  # what it sits in (a plan's or a decision's id)
    part: str = ""  # where in it (a plan's section)
    refusal: str = ""  # why it cannot be withheld, when it cannot (such as the person's own words)


@dataclass(frozen=True)
class Withholdable:
    """A kind of thing the care team may withhold from the person (docs/adr/0010-withheld-items.md). `find` returns
    the thing when it is in this record, else None; `link` is where a withholding of it sits (a `Withholding`)."""

    words: str  # for staff: "an entry in a plan"
    find: Callable[[RecordAccess, str], WithheldThing | None]
    link: Callable[[Any], str]


@dataclass(frozen=True)
class Shareable:
    """Something of the person's they may share with someone they chose, as the capability that owns it sees it.
    Shares of it are `people.shares.Share` rows (object type, object id, part); the owner filters what it shows."""

    object_type: str
    object_id: str
    title: str
    href: str  # where a supporter reads it
    group: str  # what things of this kind are called on the sharing page: "Your plans", "Your shared decisions"
    parts: tuple[tuple[str, str], ...] = ()  # (key, title) of each part shared on its own; empty when shared whole
    addable: bool = False  # whether a supporter may be asked to add their own words to it (in the parts they see)


@dataclass(frozen=True)
class Described:
    """One thing in a record, named for one reader who may see it: what and where, never its words (a concern about
    it keeps these words, and they must not show anything the reader is later kept from)."""

    words: str  # "An entry in “My safety plan”, in “Warning signs”: What are your warning signs?"
    href: str  # where this reader sees it
    theme: str  # what kind of thing, in figures about no one: "One of their plans"
    shown: str = ""  # the same words in the reader's language, for a page only (never kept); empty: as `words`

    @property
    def on_page(self) -> str:
        return self.shown or self.words


@dataclass(frozen=True)
class ItemAction:
    """Something a reader may do about any one thing in a record, offered beside it by whichever page shows it (raise
    a concern about it, for one). `href(access)` is worked out once a page: None when it is not for this reader, else
    a function from the thing's reference (`ref(...)`) to a link."""

    text: "str | StrPromise"  # "Raise a concern about this": the page adds which thing, for screen readers
    href: Callable[[RecordAccess], Callable[[str], str] | None]


# The parts of the person's safety summary, strengths first, in the order it shows them (the `summary` capability
# owns the headings; any capability may give lines for a part through `Capability.summary`).
SUMMARY_PARTS = ("matters", "keeps_well", "coped", "techniques", "people", "crisis", "do_not_contact")


@dataclass(frozen=True)
class SummaryLine:
    words: str
    withheld: bool = False  # for the care team: withheld from the person (the page and any print say so)
    marker: bool = False  # for the person: where something withheld from them sits, never its words


@dataclass(frozen=True)
class SummaryPart:
    """Lines a capability gives to one part of the safety summary (`SUMMARY_PARTS`), for one reader, from one thing
    of theirs: the words as the reader may see them, never typed twice."""

    part: str
    source: str  # where the lines come from: "From “My safety plan”, agreed 3 March 2026"
    lines: tuple[SummaryLine, ...]
    not_agreed: bool = False  # from a draft nobody has agreed yet


@dataclass
class DemoWorld:
    """What `seed_demo` has made before the capabilities seed their own demo records."""

    organisation: Organisation
    people: list[Person]
    staff: dict[str, User]
    person_users: dict[int, User]


@dataclass(frozen=True)
class Capability:
    name: str
    record_parts: list[RecordPart] = field(default_factory=list)
    navigation: list[NavLink] = field(default_factory=list)
    caseload_columns: list[CaseloadColumn] = field(default_factory=list)
    seed_demo: Callable[[DemoWorld], None] | None = None
    object_names: dict[str, str] = field(default_factory=dict)  # audited object type -> words for the person
    creation_words: dict[str, str] = field(default_factory=dict)  # object type -> what creating one is called
    change_words: dict[str, str] = field(default_factory=dict)  # object type -> what changing one is called
    # Where the person can see a thing of an audited object type: (person id, object id) -> a link, without a query.
    object_links: dict[str, Callable[[Any, str], str | None]] = field(default_factory=dict)
    # Object types whose changes by the person themselves their access log lists ("You shared …"): changes to who
    # can see the record. Their reading and writing are never listed (they know what they did).
    listed_when_yours: frozenset[str] = frozenset()
    # Everything this capability holds about a person, as JSON-ready data, for "All my data" (safeplan/exports: its
    # schema documents each part). Lists under "withheld" and "sharing_history" are gathered into the top level.
    export: Callable[[Person], dict[str, Any]] | None = None
    shareable: Callable[[Person], list[Shareable]] | None = None  # what the person may share, for the circle
    shared_with: Callable[[SupportRelationship], list[tuple[str, str]]] | None = None  # (text, link) a supporter sees
    supporter_pages: Callable[[SupportRelationship], list[tuple[str, str]]] | None = None  # the supporter's own pages
    withholdable: dict[str, Withholdable] = field(default_factory=dict)  # object type -> what may be withheld
    # object type -> (access, object id, part) -> the thing named for this reader, or None when they may not see it
    describes: dict[str, Callable[[RecordAccess, str, str], Described | None]] = field(default_factory=dict)
    item_actions: list[ItemAction] = field(default_factory=list)  # offered beside each thing a page shows
    themes: dict[str, str] = field(default_factory=dict)  # object type -> its kind, in figures: "One of their plans"
    summary: Callable[[RecordAccess], list[SummaryPart]] | None = None  # its lines of the person's safety summary
    measures: list[Measure] = field(default_factory=list)  # what it counts for oversight (people/measures.py)
    # What a member of staff should know on their home page (their caseload): (words, link) for this user
    staff_notices: Callable[[User], list[tuple[str, str]]] | None = None
    # Its daily jobs (django-tasks `Task`s that take no arguments, safe to run twice): `safeplan daily_jobs` queues them
    daily: Callable[[], list[Any]] | None = None


REGISTERED: dict[str, Capability] = {}


def register(capability: Capability) -> None:
    """Add (or, on a second ready(), replace) a capability; the order is the order of INSTALLED_APPS."""
    REGISTERED[capability.name] = capability


def registered() -> list[Capability]:
    return list(REGISTERED.values())


def shareables(person: Person) -> list[Shareable]:
    """Everything of the person's that they may share, from every capability, in INSTALLED_APPS order."""
    return [item for c in registered() if c.shareable is not None for item in c.shareable(person)]


def withholdable(object_type: str) -> Withholdable | None:
    """The registered kind of thing that may be withheld, by its object type; None for anything else."""
    return next((c.withholdable[object_type] for c in registered() if object_type in c.withholdable), None)


def ref(object_type: str, object_id: object, part: str = "") -> str:
    """How a link names one thing in a record: "plan_entry:42:" (type, id, part)."""
    return f"{object_type}:{object_id}:{part}"


def parse_ref(text: str) -> tuple[str, str, str] | None:
    """The (type, id, part) a `ref` named, or None for anything else."""
    pieces = text.split(":")
    if len(pieces) != 3 or not all(piece.isascii() and len(piece) <= 60 for piece in pieces) or not pieces[0]:
        return None
    return pieces[0], pieces[1], pieces[2]


def describe(access: RecordAccess, reference: str) -> Described | None:
    """The thing a reference names, for this reader; None when there is no such thing in this record or they may not
    see it. Something withheld is the kernel's own; everything else belongs to the capability that registered it."""
    parsed = parse_ref(reference)
    if parsed is None:
        return None
    object_type, object_id, part = parsed
    if object_type == WITHHELD:
        from safeplan.people.withholding import describe_withheld

        return describe_withheld(access, object_id)
    found = next((c.describes[object_type] for c in registered() if object_type in c.describes), None)
    return found(access, object_id, part) if found is not None else None


WITHHELD = "withheld"  # a reference to the marker of something withheld from the person (by the withholding's id)


def theme(object_type: str) -> str:
    """What kind of thing a reference's type names, for figures about no one (no query): "" when unknown."""
    if object_type == WITHHELD:
        return "Something withheld from them"
    return next((c.themes[object_type] for c in registered() if object_type in c.themes), "")


@dataclass(frozen=True)
class ItemActions:
    """The item actions open to one reader on one page: call it with a thing's type, id and part for (text, href)."""

    offered: tuple[tuple[ItemAction, Callable[[str], str]], ...] = ()
    # Each action's words in the page's language, found once (a plan page asks for every entry's actions).
    texts: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "texts", tuple(str(action.text) for action, _make in self.offered))

    def __call__(self, object_type: str, object_id: object, part: str = "") -> list[tuple[str, str]]:
        reference = ref(object_type, object_id, part)
        return [(text, make(reference)) for text, (_action, make) in zip(self.texts, self.offered, strict=True)]


def item_actions(access: RecordAccess) -> ItemActions:
    """What this reader may do about any one thing, from every capability (worked out once a page, no query)."""
    offered = []
    for capability in registered():
        for action in capability.item_actions:
            make = action.href(access)
            if make is not None:
                offered.append((action, make))
    return ItemActions(tuple(offered))


def staff_notices(user: User) -> list[tuple[str, str]]:
    """Every capability's notices for this member of staff, in INSTALLED_APPS order."""
    return [notice for c in registered() if c.staff_notices is not None for notice in c.staff_notices(user)]


def daily_tasks() -> list[Any]:
    """Every capability's daily jobs, in INSTALLED_APPS order."""
    return [task for c in registered() if c.daily is not None for task in c.daily()]


def measures() -> list[Measure]:
    """Every capability's measures, in the order they are shown."""
    return sorted((m for c in registered() for m in c.measures), key=lambda m: m.order)


def summary_parts(access: RecordAccess) -> list[SummaryPart]:
    """Every capability's lines of the safety summary for this reader, in INSTALLED_APPS order."""
    return [part for c in registered() if c.summary is not None for part in c.summary(access)]


def shown_title(title: str) -> str:
    """A title a capability gives a thing (a plan template's, say) in the reader's language where the catalogue has
    it, for a page only; a plan for a purpose ("My safety plan: at work") keeps its purpose as written."""
    found = translated(title) if title else title
    if found == title and ": " in title:
        head, purpose = title.split(": ", 1)
        return f"{translated(head)}: {purpose}"
    return found
