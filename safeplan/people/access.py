"""Who may see whose record. Every query for a person's data starts here.

Anything outside a user's access is answered exactly as a record that does not exist (the views turn `None` into
404), so the existence of a record never leaks. See docs/adr/0003-access-by-care-relationship.md.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.people.caring import caring_now
from safeplan.people.models import (
    BreakGlassGrant,
    CareRelationship,
    Organisation,
    Person,
    StaffRole,
    SupportRelationship,
    User,
)

Purpose = AuditEvent.Purpose


@dataclass(frozen=True)
class RecordAccess:
    """Permission to see one person's record, and the role and purpose the audit trail records for it."""

    person: Person
    role: str
    purpose: str
    grant: BreakGlassGrant | None = None
    support: SupportRelationship | None = None
    shares: frozenset[tuple[str, str, str]] = frozenset()  # (object type, object id, part) shared with a supporter
    adds: frozenset[tuple[str, str, str]] = frozenset()  # the shared parts they may also add their own words to
    # The person's active care relationships, with their teams, when deciding staff access read them (the record
    # page lists the care teams from them rather than asking again).
    caring: tuple[CareRelationship, ...] | None = None

    @property
    def reason(self) -> str:
        return self.grant.reason if self.grant else ""

    @property
    def is_person(self) -> bool:
        """The person reading their own record."""
        return self.role == "person"

    @property
    def is_care_team(self) -> bool:
        """A practitioner or team lead of a team caring for the person (not emergency access)."""
        return self.purpose == Purpose.CARE

    @property
    def is_supporter(self) -> bool:
        """Someone the person chose (a supporter or an advocate), reading what the person shared with them."""
        return self.purpose == Purpose.SHARED

    def parts_shared(self, object_type: str, object_id: object) -> set[str]:
        """The parts of one thing shared with this supporter ("" for the whole of it); empty when nothing is."""
        return {part for kind, key, part in self.shares if kind == object_type and key == str(object_id)}

    def may_add_to(self, object_type: str, object_id: object, part: str) -> bool:
        """Whether this supporter may add their own words to this part (or to the whole thing)."""
        return any((object_type, str(object_id), p) in self.adds for p in (part, ""))

    def may_act_for(self, scope: str) -> bool:
        """Whether this advocate may act for the person in this way (people.shares.ADVOCACY_SCOPES)."""
        from safeplan.people.shares import ADVOCACY

        advocate = self.support is not None and self.support.kind == SupportRelationship.Kind.ADVOCATE
        return advocate and (ADVOCACY, str(self.person.pk), scope) in self.shares

    @property
    def may_add_anything(self) -> bool:
        return bool(self.adds)

    @property
    def may_write(self) -> bool:
        """The answer to "may this reader also write here": the person and their care team; emergency access reads."""
        return self.is_person or self.is_care_team


def staff_roles(user: User) -> list[StaffRole]:
    """Every staff role the user holds, with its organisation: one query, cached for the request."""
    if not user.is_authenticated:
        return []
    cached: list[StaffRole] | None = getattr(user, "_safeplan_staff_roles", None)
    if cached is None:
        cached = list(StaffRole.objects.filter(user=user).select_related("organisation").order_by("pk"))
        setattr(user, "_safeplan_staff_roles", cached)  # noqa: B010 - a per-request cache on this user object
    return cached


def organisations_where(user: User, roles: set[str]) -> list[Organisation]:
    """The organisations where the user holds any of these roles, in the order the roles were given to them."""
    found: dict[int, Organisation] = {}
    for role in staff_roles(user):
        if role.role in roles:
            found.setdefault(role.organisation_id, role.organisation)
    return list(found.values())


def caring_staff_addresses(person_ids: set[Any], roles: list[str]) -> dict[Any, dict[int, str]]:
    """For each of these people, the e-mail address of each active member of staff in these roles in a team caring for
    them now: {person id: {user id: address}} (two queries, however many people). For reminders that name no one."""
    teams: dict[Any, set[int]] = defaultdict(set)
    for person, team in (
        CareRelationship.objects.active().filter(person_id__in=person_ids).values_list("person_id", "team_id")
    ):
        teams[person].add(team)
    members: dict[int, dict[int, str]] = defaultdict(dict)
    staff = StaffRole.objects.filter(
        team_id__in={t for found in teams.values() for t in found}, role__in=roles, user__is_active=True
    ).exclude(user__email="")
    for team, user, address in staff.values_list("team_id", "user_id", "user__email"):
        members[team][user] = address
    return {
        person: {user: address for team in found for user, address in members[team].items()}
        for person, found in teams.items()
    }


def team_roles(user: User) -> dict[int, str]:
    """{team id: role} for the practitioner and team-lead roles a user holds (team lead wins)."""
    roles: dict[int, str] = {}
    for role in staff_roles(user):
        if role.team_id is not None and role.role in StaffRole.TEAM_ROLES:
            if roles.get(role.team_id) != StaffRole.Role.TEAM_LEAD:
                roles[role.team_id] = role.role
    return roles


def staff_role_label(user: User) -> str:
    roles = set(team_roles(user).values())
    return "team lead" if StaffRole.Role.TEAM_LEAD in roles else "practitioner"


def role_label(user: User) -> str:
    """The user's role in words, for audit rows that are not about a record they may see (such as a refusal)."""
    if not user.is_authenticated:
        return "anonymous"
    roles = {role.role for role in staff_roles(user)}
    for role, label in [
        (StaffRole.Role.TEAM_LEAD, "team lead"),
        (StaffRole.Role.PRACTITIONER, "practitioner"),
        (StaffRole.Role.ADMINISTRATOR, "administrator"),
        (StaffRole.Role.OVERSIGHT, "oversight"),
    ]:
        if role in roles:
            return label
    if getattr(user, "person_record", None) is not None:
        return "person"
    kinds = sorted(set(people_supported_by(user).values_list("kind", flat=True)))
    return " and ".join(kinds) or "user"


def is_clinician(user: User) -> bool:
    return bool(team_roles(user))


def caseload_for(user: User) -> QuerySet[Person]:
    """People cared for today by any team the user works in. Empty for anyone else."""
    teams = list(team_roles(user))
    if not teams:
        return Person.objects.none()
    caring = CareRelationship.objects.active().filter(person=OuterRef("pk"), team_id__in=teams)
    return Person.objects.filter(Exists(caring))


def _as_uuid(value: object) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None


def open_grant(user: User, person_id: uuid.UUID) -> BreakGlassGrant | None:
    return (
        BreakGlassGrant.objects.filter(
            user=user, person_id=person_id, ended_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-expires_at")
        .first()
    )


def resolve_access(user: User, person_id: object, *, with_members: bool = False) -> RecordAccess | None:
    """The user's access to this person's record, or None: no record, or no right to see it. With `with_members`,
    staff access also reads who is in each caring team (each relationship's `members_json`, which
    `presenters.care_teams` reads), in the same statement."""
    pid = _as_uuid(person_id)
    if pid is None or not user.is_authenticated or not user.is_active:
        return None
    own: Person | None = getattr(user, "person_record", None)  # read with the user (people.backends)
    if own is not None and own.pk == pid:
        return RecordAccess(own, role="person", purpose=Purpose.SELF)
    roles = team_roles(user)
    if not roles:
        person = _person(pid)
        return _shared_access(user, person) if person is not None else None
    # Staff: the person comes with their care relationships, in one query, when any team cares for them now.
    caring = tuple(caring_now(pid, with_members=with_members))
    person = caring[0].person if caring else _person(pid)
    if person is None:
        return None
    caring_teams = {c.team_id for c in caring if c.team_id in roles}
    if caring_teams:
        lead = any(roles[t] == StaffRole.Role.TEAM_LEAD for t in caring_teams)
        role = "team lead" if lead else "practitioner"
        return RecordAccess(person, role=role, purpose=Purpose.CARE, caring=caring)
    grant = open_grant(user, person.pk)
    if grant is not None:
        role = "practitioner (emergency access)"
        return RecordAccess(person, role=role, purpose=Purpose.BREAK_GLASS, grant=grant, caring=caring)
    return None


def _person(pid: uuid.UUID) -> Person | None:
    return Person.objects.select_related("organisation").filter(pk=pid).first()


def _shared_access(user: User, person: Person) -> RecordAccess | None:
    """What the person has shared, today, with this user as their supporter or advocate; None when nothing is."""
    from safeplan.people.shares import Share

    supports = list(people_supported_by(user).filter(person=person))
    if not supports:
        return None
    shares = Share.objects.current().filter(support__in=supports).select_related("support")
    found = [(share, (share.object_type, share.object_id, share.part)) for share in shares]
    if not found:
        return None
    support = found[0][0].support
    role = support.get_kind_display().lower()
    return RecordAccess(
        person,
        role=role,
        purpose=Purpose.SHARED,
        support=support,
        shares=frozenset(s for _, s in found),
        adds=frozenset(s for share, s in found if share.may_add),
    )


def people_supported_by(user: User) -> QuerySet[SupportRelationship]:
    today = timezone.localdate()
    return (
        SupportRelationship.objects.filter(user=user, started_on__lte=today)
        .exclude(ended_on__lt=today)
        .select_related("person")
    )


def organisation_for(user: User) -> Organisation | None:
    """The organisation a signed-in user works in, is cared for by, or supports someone in."""
    if not user.is_authenticated:
        return None
    roles = staff_roles(user)
    if roles:
        return roles[0].organisation
    person: Person | None = getattr(user, "person_record", None)
    if person is not None:
        return person.organisation
    support = people_supported_by(user).select_related("person__organisation").first()
    return support.person.organisation if support else None
