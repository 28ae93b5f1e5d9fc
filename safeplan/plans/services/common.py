"""What every plan service shares: who is writing, the errors they may see, and the audit row of a change."""

import calendar
from dataclasses import dataclass
from datetime import date

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.people.access import RecordAccess
from safeplan.people.models import User
from safeplan.plans.models import Entry, EntryRevision, Plan

Action = AuditEvent.Action
Purpose = AuditEvent.Purpose
VIEW_KIND = "view"  # a differing view is always free text beside the entry it answers


class PlanError(Exception):
    """A change this user may not make, or that does not make sense. The message is safe to show them."""


class StaleEdit(PlanError):
    """The entry changed after the user started editing it."""

    def __init__(self, entry: Entry, current: EntryRevision):
        super().__init__("Someone else changed this while you were editing it.")
        self.entry = entry
        self.current = current


class VersionChanged(PlanError):
    """The version being signed is not the plan as it stands."""


@dataclass(frozen=True)
class Writer:
    """Who is changing a plan and through which access: the person themselves, or their care team."""

    user: User
    access: RecordAccess
    request_id: str = ""

    @property
    def is_person(self) -> bool:
        return self.access.role == "person"

    @property
    def is_care_team(self) -> bool:
        return self.access.purpose == Purpose.CARE

    @property
    def actor(self) -> audit.Actor:
        return audit.Actor(self.user.pk, str(self.user), self.access.role, self.request_id)

    def check_may_write(self, plan: Plan | None = None) -> None:
        if not (self.is_person or self.is_care_team):
            raise PlanError("Emergency access lets you read a plan, not change it.")
        if plan is not None and plan.person_id != self.access.person.pk:
            raise PlanError("That plan is not part of this record.")


def writer_for(request, access: RecordAccess) -> Writer:
    return Writer(request.user, access, getattr(request, "request_id", ""))


def audit_change(writer: Writer, action: str, object_type: str, object_id: object, version: object = "") -> None:
    audit.record(
        actor=writer.actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_version=version,
        person_id=writer.access.person.pk,
        purpose=writer.access.purpose,
    )


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
