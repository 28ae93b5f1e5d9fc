"""Display logic for record pages, kept out of templates."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.people.models import BreakGlassGrant, CareRelationship, Person, StaffRole


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@dataclass
class CareTeam:
    team_name: str
    since: date
    members: list[StaffRole]


def care_teams(person: Person) -> list[CareTeam]:
    caring = list(CareRelationship.objects.active().filter(person=person).select_related("team").order_by("team__name"))
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
    rows = [
        ("Name", person.full_name),
        ("Likes to be called", person.preferred_name),
        ("Pronouns", person.pronouns),
        (
            "Date of birth",
            f"{person.date_of_birth:%-d %B %Y} (age {age_on(person.date_of_birth, timezone.localdate())})",
        ),
        (
            "NHS number",
            f"{person.nhs_number[:3]} {person.nhs_number[3:6]} {person.nhs_number[6:]}" if person.nhs_number else "",
        ),
        ("Preferred language", person.preferred_language),
        ("Communication needs", person.communication_needs),
    ]
    return [{"key": {"text": k}, "value": {"text": v or "Not recorded"}} for k, v in rows]


ACCESS_VERBS = {
    AuditEvent.Action.READ: "Looked at",
    AuditEvent.Action.CREATE: "Added to",
    AuditEvent.Action.UPDATE: "Changed",
    AuditEvent.Action.EXPORT: "Downloaded",
    AuditEvent.Action.BREAK_GLASS_START: "Started emergency access to",
    AuditEvent.Action.BREAK_GLASS_END: "Emergency access ended for",
    AuditEvent.Action.REVIEW: "Checked the emergency access to",
    AuditEvent.Action.SIGN: "Signed",
    AuditEvent.Action.AGREE: "Agreed",
}
OBJECT_NAMES = {
    "person": "your record",
    "break_glass": "your record",
    "safety_plan": "your plan",
    "safety_plans": "your list of plans",
    "plan_entry": "your plan",
    "plan_version": "a version of your plan",
    "plan_comparison": "changes to your plan",
    "harm_check_ins": "your check-ins",
    "harm_check_in": "a check-in",
    "decisions": "your decisions",
    "decision": "a decision",
    "decision_option": "a decision",
    "decision_later_harm": "a decision",
    "decision_view": "a decision",
    "decision_capacity": "a decision",
    "decision_legal_check": "a decision",
    "decision_agreement": "a decision",
    "decision_outcome": "a decision",
    "harm_conversation": "your plan",
}


@dataclass
class AccessLogRow:
    at: object
    who: str
    role: str
    what: str
    why: str
    emergency: bool


def access_log(
    person: Person, *, before_seq: int | None = None, limit: int = 50
) -> tuple[list[AccessLogRow], int | None]:
    """Who has looked at or changed this person's record, newest first, not counting the person themselves.
    Returns the rows and the sequence number to continue from for older entries (or None)."""
    events = AuditEvent.objects.filter(person_id=person.pk, action__in=list(ACCESS_VERBS))
    if person.user_id:
        events = events.exclude(actor_id=person.user_id)
    if before_seq:
        events = events.filter(seq__lt=before_seq)
    page = list(events.order_by("-seq")[: limit + 1])
    rows = []
    for e in page[:limit]:
        emergency = e.purpose == AuditEvent.Purpose.BREAK_GLASS
        why = AuditEvent.Purpose(e.purpose).label if e.purpose in AuditEvent.Purpose.values else e.purpose
        if emergency and e.reason:
            why = e.reason  # shown under an "Emergency access" tag
        what = f"{ACCESS_VERBS[e.action]} {OBJECT_NAMES.get(e.object_type, e.object_type.replace('_', ' '))}"
        rows.append(AccessLogRow(e.at, e.actor_name or "safeplan", e.actor_role, what, why, emergency))
    more = page[limit - 1].seq if len(page) > limit else None
    return rows, more


def open_grant_notice(grant: BreakGlassGrant | None) -> dict | None:
    if grant is None:
        return None
    minutes = max(0, int((grant.expires_at - timezone.now()).total_seconds() // 60))
    return {"grant": grant, "minutes_left": minutes}
