"""What goes into "All my data": the document (data.json) and the steps that gather it.

The person's own details, their care teams, the people they chose and every visit to their record come from
`people`; everything else from each registered capability's exporter (`Capability.export`), in INSTALLED_APPS
order, under `records.<capability>`. An exporter may also return `withheld` and `sharing_history` lists: those are
lifted out of its part into the document's top-level lists of the same names, so the owners of what is withheld
(plans, decisions: docs/adr/0010-withheld-items.md) and the circle (what was shared) fill them without this module
knowing it. The shape is documented field by field in schema/all-my-data.schema.json.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from safeplan.exports.models import PART_OF_RECORD, Export
from safeplan.people.access_log import visits
from safeplan.people.capabilities import registered
from safeplan.people.models import CareRelationship, Person, StaffRole, SupportRelationship

SCHEMA_ID = "safeplan all-my-data"
SCHEMA_VERSION = 1
LIFTED = ("withheld", "sharing_history")  # top-level lists any capability may add to


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class Step:
    """One part of the document: where it goes, what it is called if it fails, and how it is gathered."""

    key: str
    what: str  # "the decisions part of the record": words for an error message, never personal data
    gather: Callable[[Person], Any]


def about(person: Person) -> dict[str, Any]:
    return {
        "full_name": person.full_name,
        "preferred_name": person.preferred_name,
        "pronouns": person.pronouns,
        "date_of_birth": _when(person.date_of_birth),
        "nhs_number": person.nhs_number,
        "communication_needs": person.communication_needs,
        "preferred_language": person.preferred_language,
        "organisation": person.organisation.name,
        "login": person.user.username if person.user is not None else None,
        "record_created_at": _when(person.created_at),
    }


def care_teams(person: Person) -> list[dict[str, Any]]:
    """Every team that cares or cared for the person, with who works in the ones caring now."""
    today = timezone.localdate()
    relationships = list(
        CareRelationship.objects.filter(person=person).select_related("team").order_by("started_on", "pk")
    )
    current = [r for r in relationships if r.started_on <= today and (r.ended_on is None or r.ended_on >= today)]
    members: dict[int, list[dict[str, str]]] = {}
    roles = StaffRole.objects.filter(
        team_id__in={r.team_id for r in current}, role__in=StaffRole.TEAM_ROLES, user__is_active=True
    ).select_related("user")
    for role in roles.order_by("user__display_name", "pk"):
        if role.team_id is None:  # never: team roles have a team (a database constraint)
            continue
        members.setdefault(role.team_id, []).append(
            {"name": str(role.user), "role": role.get_role_display(), "job_title": role.job_title}
        )
    return [
        {
            "team": relationship.team.name,
            "started_on": _when(relationship.started_on),
            "ended_on": _when(relationship.ended_on),
            "current": relationship in current,
            "members": members.get(relationship.team_id, []) if relationship in current else [],
        }
        for relationship in relationships
    ]


def people_chosen(person: Person) -> list[dict[str, Any]]:
    chosen = SupportRelationship.objects.filter(person=person).select_related("user").order_by("started_on", "pk")
    return [
        {
            "name": str(support.user),
            "kind": support.kind,
            "relationship": support.relationship,
            "started_on": _when(support.started_on),
            "ended_on": _when(support.ended_on),
        }
        for support in chosen
    ]


def access_log(person: Person) -> list[dict[str, Any]]:
    """Every visit by someone else to the record, newest first: all pages of the person's "who has looked"."""
    found: list[dict[str, Any]] = []
    before: int | None = None
    while True:
        page, before = visits(person, before_seq=before, limit=100)
        found += [
            {
                "who": visit.who,
                "role": visit.role,
                "why": visit.why,
                "emergency": visit.emergency,
                "from": _when(visit.first),
                "to": _when(visit.last),
                "what": visit.what,
            }
            for visit in page
        ]
        if before is None:
            return found


def steps() -> list[Step]:
    """The parts in the order they are gathered; every registered exporter is one."""
    found = [
        Step("person", N_("your details"), about),
        Step("care_teams", N_("your care teams"), care_teams),
        Step("people_you_chose", N_("the people you chose"), people_chosen),
    ]
    found += [
        Step(f"records.{capability.name}", PART_OF_RECORD % {"name": capability.name}, capability.export)
        for capability in registered()
        if capability.export is not None
    ]
    found.append(Step("access_log", N_("the list of who has looked at the record"), access_log))
    return found


def frame(export: Export, generated_at: datetime) -> dict[str, Any]:
    """The document before its parts are gathered."""
    return {
        "schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "export": {
            "id": str(export.pk),
            "kind": export.kind,
            "requested_by": export.requested_by_name,
            "requested_by_role": export.requested_by_role,
            "requested_at": _when(export.created_at),
            "received_on": _when(export.received_on),
            "due_on": _when(export.due_on),
            "generated_at": _when(generated_at),
        },
        "records": {},
        "withheld": [],
        "sharing_history": [],
    }


def place(document: dict[str, Any], step: Step, value: Any) -> None:
    """Put a gathered part where it belongs, lifting out the top-level lists a capability may add to."""
    if step.key.startswith("records."):
        part = dict(value)
        for key in LIFTED:
            document[key] += list(part.pop(key, []))
        document["records"][step.key.removeprefix("records.")] = part
    else:
        document[step.key] = value


def as_json(document: dict[str, Any]) -> dict[str, Any]:
    """The document as JSON reads it back (dates and ids as strings), which is what the schema describes."""
    normalised: dict[str, Any] = json.loads(json.dumps(document, cls=DjangoJSONEncoder))
    return normalised


def dumps(document: dict[str, Any]) -> bytes:
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False).encode("utf-8")
