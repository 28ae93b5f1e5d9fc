"""Display logic for record pages, kept out of templates."""

import json
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from safeplan.core.dates import long_day
from safeplan.people.caring import caring_now
from safeplan.people.models import BreakGlassGrant, CareRelationship, Person


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@dataclass(frozen=True)
class Member:
    """Someone in a caring team, as the record page names them."""

    user: str
    job_title: str
    role: str


@dataclass
class CareTeam:
    team_name: str
    since: date
    members: list[Member]


def care_teams(person: Person, caring: "tuple[CareRelationship, ...] | None" = None) -> list[CareTeam]:
    """The teams caring for the person now, with their members, in one statement. `caring`, when staff access read
    the relationships with their members (`resolve_access(..., with_members=True)`), needs none."""
    if caring is None or any(not hasattr(c, "members_json") for c in caring):
        caring = tuple(caring_now(person.pk, with_members=True))
    return [
        CareTeam(c.team.name, c.started_on, [Member(*member) for member in json.loads(_members(c))]) for c in caring
    ]


def _members(relationship: CareRelationship) -> str:
    return getattr(relationship, "members_json", None) or "[]"


def person_summary_rows(person: Person) -> list[dict]:
    age = age_on(person.date_of_birth, timezone.localdate())
    rows = [
        (_("Name"), person.full_name),
        (_("Likes to be called"), person.preferred_name),
        (_("Pronouns"), person.pronouns),
        (_("Date of birth"), _("%(day)s (age %(age)s)") % {"day": long_day(person.date_of_birth), "age": age}),
        (
            _("NHS number"),
            f"{person.nhs_number[:3]} {person.nhs_number[3:6]} {person.nhs_number[6:]}" if person.nhs_number else "",
        ),
        (_("Preferred language"), person.preferred_language),
        (_("Communication needs"), person.communication_needs),
    ]
    return [{"key": {"text": k}, "value": {"text": v or _("Not recorded")}} for k, v in rows]


def open_grant_notice(grant: BreakGlassGrant | None) -> dict | None:
    if grant is None:
        return None
    minutes = max(0, int((grant.expires_at - timezone.now()).total_seconds() // 60))
    return {"grant": grant, "minutes_left": minutes}
