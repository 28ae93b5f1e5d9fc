"""The record kernel: what every capability that writes to a person's record shares.

- `Writer`: who is changing the record and through which access (the person themselves, or their care team).
- `Writer.check(person_id)`: the one write check. Emergency access reads but never writes; a row from another
  person's record is never changed through this one. Every service calls it before it changes anything.
- `RecordError`: the base of every capability's domain errors; its message is safe to show the user.
- `audit_change`: the audit row of a change, in the transaction of the change.
- `Writer.authored()`: the author fields of a history row (core.immutability.Authored), filled the same way
  everywhere.

Reads go through `people.access.resolve_access` (who may see) and `people.views.record_access.person_record_view`
(the audited read); see docs/adr/0006-layers-and-the-record-kernel.md.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.people.access import RecordAccess, resolve_access
from safeplan.people.models import Person, User

Action = AuditEvent.Action
Purpose = AuditEvent.Purpose


class RecordError(Exception):
    """A change this user may not make, or that does not make sense. The message is safe to show them."""


@dataclass(frozen=True)
class Writer:
    """Who is changing a record and through which access."""

    user: User
    access: RecordAccess
    request_id: str = ""

    @property
    def is_person(self) -> bool:
        return self.access.is_person

    @property
    def is_care_team(self) -> bool:
        return self.access.is_care_team

    @property
    def is_supporter(self) -> bool:
        """Someone the person chose, writing in their own voice where the person asked them to."""
        return self.access.is_supporter

    @property
    def person_id(self) -> Any:
        return self.access.person.pk

    @property
    def actor(self) -> audit.Actor:
        return audit.Actor(self.user.pk, str(self.user), self.access.role, self.request_id)

    def check(self, person_id: Any = None, *, error: type[RecordError] = RecordError, what: str = "record") -> None:
        """Refuse a change by read-only access, or to something from another person's record."""
        if self.access.is_supporter:
            raise error(f"You can read what {self.access.person.name_to_use} shared with you, not change it.")
        if not self.access.may_write:
            raise error(f"Emergency access lets you read a {what}, not change it.")
        if person_id is not None and person_id != self.person_id:
            raise error(f"That {what} is not part of this record.")

    def check_adding(
        self,
        person_id: Any,
        shared_as: tuple[str, object, str],
        *,
        error: type[RecordError] = RecordError,
        what: str = "record",
    ) -> None:
        """The write check for adding one's own words to one part of something (`shared_as`: object type, id, part).
        The person and their care team as `check`; a supporter only where the person asked them to add their view."""
        if not self.access.is_supporter:
            self.check(person_id, error=error, what=what)
            return
        if person_id != self.person_id or not self.access.may_add_to(*shared_as):
            raise error(f"{self.access.person.name_to_use} has not asked you to add to this part of the {what}.")

    def authored(self, now: datetime | None = None) -> dict[str, Any]:
        """The author fields of a history row this writer writes."""
        return {
            "written_by": self.user,
            "written_by_name": str(self.user),
            "written_by_role": self.access.role,
            "written_at": now or timezone.now(),
        }


def writer_for(request: HttpRequest, access: RecordAccess) -> Writer:
    return Writer(request.user, access, getattr(request, "request_id", ""))  # type: ignore[arg-type]


def audit_change(writer: Writer, action: str, object_type: str, object_id: object, version: object = "") -> None:
    """The audit row of a change: call it inside the change's transaction."""
    audit.record(
        actor=writer.actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_version=version,
        person_id=writer.person_id,
        purpose=writer.access.purpose,
    )


def demo_writer(user: User, person: Person) -> Writer:
    """Write demo data as this user, through the access they really have (the demo breaks loudly if they have none)."""
    access = resolve_access(user, person.pk)
    if access is None:
        raise LookupError(f"The demo expects {user} to have access to this record.")
    return Writer(user, access, "seed_demo")
