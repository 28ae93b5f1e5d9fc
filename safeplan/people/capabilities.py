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
    # Everything this capability holds about a person, as JSON-ready data, for "All my data" (safeplan/exports: its
    # schema documents each part). Lists under "withheld" and "sharing_history" are gathered into the top level.
    export: Callable[[Person], dict[str, Any]] | None = None
    shared_with: Callable[[SupportRelationship], list[tuple[str, str]]] | None = None  # (text, link) a supporter sees


REGISTERED: dict[str, Capability] = {}


def register(capability: Capability) -> None:
    """Add (or, on a second ready(), replace) a capability; the order is the order of INSTALLED_APPS."""
    REGISTERED[capability.name] = capability


def registered() -> list[Capability]:
    return list(REGISTERED.values())
