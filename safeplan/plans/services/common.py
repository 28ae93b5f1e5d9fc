"""What every plan service shares: the plan errors, the write check for a plan, and review-date arithmetic.

Who is writing, the audit row of a change and the error base come from the record kernel (people.records).
"""

from django.utils.translation import gettext as _

from safeplan.core.dates import add_months
from safeplan.people.records import Action, RecordError, Writer, audit_change, writer_for
from safeplan.plans.models import Entry, EntryRevision, Plan
from safeplan.plans.queries import SHARED_AS

__all__ = ["Action", "add_months", "PlanError", "StaleEdit", "VersionChanged", "Writer", "audit_change", "writer_for"]

VIEW_KIND = "view"  # a differing view is always free text beside the entry it answers


class PlanError(RecordError):
    """A change this user may not make to a plan, or that does not make sense. The message is safe to show them."""


class StaleEdit(PlanError):
    """The entry changed after the user started editing it."""

    def __init__(self, entry: Entry, current: EntryRevision):
        super().__init__(_("Someone else changed this while you were editing it."))
        self.entry = entry
        self.current = current


class VersionChanged(PlanError):
    """The version being signed is not the plan as it stands."""


def check_plan(writer: Writer, plan: Plan | None = None) -> None:
    """The record kernel's write check, for a plan (or for starting one when `plan` is None)."""
    writer.check(plan.person_id if plan is not None else None, error=PlanError, what="plan")


def check_adding(writer: Writer, plan: Plan, section_key: str) -> None:
    """The write check for adding one's own words to one section: a supporter only where the person asked them."""
    writer.check_adding(plan.person_id, (SHARED_AS, plan.pk, section_key), error=PlanError, what="plan")
