"""Display logic for record pages, kept out of templates."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from safeplan.core.dates import long_day
from safeplan.people.models import BreakGlassGrant, CareRelationship, Person, StaffRole


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@dataclass
class CareTeam:
    team_name: str
    since: date
    members: list[StaffRole]


def care_teams(person: Person, caring: "tuple[CareRelationship, ...] | None" = None) -> list[CareTeam]:
    """The teams caring for the person now, with their members (given `caring`, the active care relationships with
    their teams in name order, as `RecordAccess.caring` holds them, only the members are read)."""
    if caring is None:
        caring = tuple(
            CareRelationship.objects.active().filter(person=person).select_related("team").order_by("team__name")
        )
    roles = (
        StaffRole.objects.filter(
            team_id__in=[c.team_id for c in caring], role__in=StaffRole.TEAM_ROLES, user__is_active=True
        )
        .select_related("user")
        .order_by("user__display_name")
    )
    by_team: dict[int | None, list[StaffRole]] = {}
    for role in roles:
        by_team.setdefault(role.team_id, []).append(role)
    return [CareTeam(c.team.name, c.started_on, by_team.get(c.team_id, [])) for c in caring]


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
