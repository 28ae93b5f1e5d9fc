"""Whether an entry is still current: the care team, with the person, marks it "historical — no longer current" (or
current again), saying with whom and why; the person asks for one to be looked at again. The words are never changed
or deleted; each review and request is a new row, audited in the same transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from safeplan.people.records import Action, audit_change
from safeplan.plans.extensions import KIND_EXTENSIONS
from safeplan.plans.models import Entry, EntryReview, ReviewRequest
from safeplan.plans.services.common import PlanError, Writer, check_plan
from safeplan.plans.services.entries import entry_kind


def review_entry(writer: Writer, entry: Entry, *, current: bool, with_whom: str, why: str) -> EntryReview:
    """A new review of an entry (a differing view goes with the entry it answers, so only entries are reviewed)."""
    if not writer.is_care_team:
        raise PlanError(_("Your care team looks at this with you. You can ask them to."))
    check_plan(writer, entry.plan)
    if entry.responds_to_id is not None:
        raise PlanError(_("A different view goes with the entry it answers: look at that entry again instead."))
    kind = entry_kind(entry.plan, entry)
    if kind == "do_not_contact":
        raise PlanError(
            _("Who must not be contacted is checked wherever contacts are: take it out of the plan instead.")
        )
    if kind in KIND_EXTENSIONS:
        raise PlanError(_("Other parts of the record show this (harm minimisation, for one): change it there instead."))
    if not with_whom.strip():
        raise PlanError(
            _("Say who you looked at it with: %(name)s, or who else.") % {"name": writer.access.person.name_to_use}
        )
    if len(why.strip()) < 10:
        raise PlanError(_("Say why, in a sentence that will make sense to whoever reads it later."))
    latest = EntryReview.objects.filter(entry=entry).order_by("-written_at", "-pk").first()
    if latest is None and current:
        raise PlanError(_("This is already shown as current."))
    if latest is not None and latest.current == current:
        raise PlanError("It is already shown as current." if current else "It is already marked no longer current.")
    with transaction.atomic():
        review = EntryReview.objects.create(
            entry=entry, current=current, with_whom=with_whom.strip(), why=why.strip(), **writer.authored()
        )
        audit_change(writer, Action.UPDATE, "plan_entry", entry.pk, "current" if current else "historical")
    return review


def ask_for_review(writer: Writer, entry: Entry, words: str = "") -> ReviewRequest:
    """The person asks their care team to look at an entry again with them."""
    if not writer.is_person:
        raise PlanError(_("The person whose plan it is asks for this."))
    check_plan(writer, entry.plan)
    if entry.responds_to_id is not None or entry.hidden_from_staff_at is not None:
        raise PlanError(_("Your care team looks again at the entry itself, and does not see words you hid from them."))
    with transaction.atomic():
        asked = ReviewRequest.objects.create(entry=entry, words=words.strip(), **writer.authored())
        audit_change(writer, Action.CREATE, "review_request", asked.pk)
    return asked
