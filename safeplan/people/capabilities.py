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

from safeplan.people.access import RecordAccess
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

    text: str
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
