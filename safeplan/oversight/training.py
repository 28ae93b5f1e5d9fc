"""Who has had which training, and when a refresher is due: for team leads (their teams' staff), oversight (the whole
organisation) and each member of staff (their own, on their home page). Research behind it: most clinicians say they
had no training in harm minimisation and few had clear local guidance (seeds 002 and 003)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from safeplan.oversight.models import Course, TrainingRecord
from safeplan.people.access import staff_roles
from safeplan.people.models import Organisation, StaffRole, User

SOON = timedelta(days=60)  # a refresher due within this long is shown as coming up


@dataclass(frozen=True)
class Status:
    course: str
    title: str
    record: TrainingRecord | None
    state: str  # "none", "overdue", "soon" or "done"

    @property
    def words(self) -> str:
        if self.record is None:
            return "Not recorded"
        when = f"{self.record.refresh_on:%-d %B %Y}"
        if self.state == "overdue":
            return f"Refresher overdue since {when}"
        if self.state == "soon":
            return f"Refresher due {when}"
        return f"Done {self.record.completed_on:%-d %B %Y}, refresher due {when}"

    @property
    def due(self) -> bool:
        return self.state in ("none", "overdue", "soon")


def _state(record: TrainingRecord | None, today: date) -> str:
    if record is None:
        return "none"
    if record.refresh_on < today:
        return "overdue"
    return "soon" if record.refresh_on <= today + SOON else "done"


def statuses(organisation: Organisation, users: list[User], today: date | None = None) -> dict[int, list[Status]]:
    """Each user's latest record of each course and what is due (one query)."""
    today = today or timezone.localdate()
    latest: dict[tuple[int, str], TrainingRecord] = {}
    records = TrainingRecord.objects.filter(organisation=organisation, user__in=users).order_by("-completed_on", "-pk")
    for record in records:
        latest.setdefault((record.user_id, record.course), record)
    return {
        user.pk: [
            Status(course, title, latest.get((user.pk, course)), _state(latest.get((user.pk, course)), today))
            for course, title in Course.choices
        ]
        for user in users
    }


def staff_of(organisation: Organisation, teams: list[int] | None = None) -> list[User]:
    """Practitioners and team leads of the organisation (of these teams, when given), by name."""
    roles = StaffRole.objects.filter(
        organisation=organisation, role__in=[StaffRole.Role.PRACTITIONER, StaffRole.Role.TEAM_LEAD]
    )
    if teams is not None:
        roles = roles.filter(team_id__in=teams)
    return list(User.objects.filter(pk__in=roles.values("user_id")).order_by("display_name", "username"))


def due_for(user: User) -> list[tuple[Organisation, Status]]:
    """The courses this member of staff is due for (never done, overdue or coming up), in each organisation they
    work in as a practitioner or team lead."""
    found = []
    organisations = {
        role.organisation_id: role.organisation
        for role in staff_roles(user)  # cached for the request
        if role.role in (StaffRole.Role.PRACTITIONER, StaffRole.Role.TEAM_LEAD)
    }
    for organisation in organisations.values():
        for status in statuses(organisation, [user])[user.pk]:
            if status.due:
                found.append((organisation, status))
    return found


def record(
    organisation: Organisation,
    by: User,
    *,
    user: User,
    course: str,
    completed_on: date,
    with_lived_experience: bool,
    refresh_years: int,
) -> TrainingRecord:
    return TrainingRecord.objects.create(
        organisation=organisation,
        user=user,
        course=course,
        completed_on=completed_on,
        with_lived_experience=with_lived_experience,
        refresh_years=refresh_years,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
