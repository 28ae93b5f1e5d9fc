"""What is current, and what is earlier history (issue 13, item 3): an entry the care team marked, with the person,
"historical — no longer current" folds away under "Earlier history" beside where it sat, on every view (the plan,
each version, print and PDF); the summary leaves it out. Nothing is deleted and its words are never changed: it stays
readable there, with who decided, with whom, why and when. Decided at display time from the latest review, like
what is withheld (plans/withheld.py), so a later review brings it back everywhere at once.

Entries older than the organisation's review age that nobody has looked at again, and those the person asked about,
are listed for the care team to go through with the person (`due_for_review`).
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from safeplan.core.dates import add_months
from safeplan.core.fixed_sql import Columns, load_all, prep, select
from safeplan.people.models import Person
from safeplan.people.withholding import current_withholdings
from safeplan.plans.models import Entry, EntryReview, Plan, ReviewRequest
from safeplan.plans.queries import current_revisions_of, placement
from safeplan.plans.withheld import ENTRY

Historical = dict[int, EntryReview]  # {entry id: the review that marked it no longer current}


def _latest(rows: QuerySet[Any]) -> dict[int, Any]:
    """{entry id: its latest row} of reviews or requests (one query)."""
    return {row.entry_id: row for row in rows.order_by("entry_id", "written_at", "pk")}


def latest_reviews(entry_ids: list[int]) -> dict[int, EntryReview]:
    """{entry id: its latest review} (one query)."""
    return _latest(EntryReview.objects.filter(entry_id__in=entry_ids))


_REVIEW = Columns(EntryReview, alias="w")
# `EntryReview.objects.filter(entry__plan=plan)` in `_latest`'s order, as SQL written once (core/fixed_sql.py): every
# plan page asks. `plans/tests/test_historical.py` holds it to that rule.
_OF_PLAN = select(
    _REVIEW,
    f"w.entry_id IN (SELECT e.id FROM {Entry._meta.db_table} e WHERE e.plan_id = %s)",  # noqa: S608 - from the model
    "w.entry_id, w.written_at, w.id",
)


def historical(plan: Plan) -> Historical:
    """The entries of this plan marked no longer current by their latest review (one query)."""
    latest = {row.entry_id: row for row in load_all(_REVIEW, _OF_PLAN, [prep(Entry, "plan", plan.pk)])}
    return {entry_id: review for entry_id, review in latest.items() if not review.current}


def note(review: EntryReview) -> dict[str, Any]:
    """What every view says under an entry marked no longer current."""
    return {
        "on": timezone.localdate(review.written_at).isoformat(),
        "by": f"{review.written_by_name} ({review.written_by_role})",
        "with_whom": review.with_whom,
        "why": review.why,
    }


def fold(snapshot: dict[str, Any], marked: Historical) -> dict[str, Any]:
    """A snapshot with each entry marked no longer current moved from its item's entries to the item's "earlier"
    (with the review's note); never changes the snapshot given. Apply it to a snapshot already as the reader sees it
    (`withheld.as_seen_by`): what is withheld from them has gone (or is a marker) before anything is folded."""
    if not marked:
        return snapshot
    sections = []
    for section in snapshot["sections"]:
        items = []
        for item in section["items"]:
            now = [e for e in item["entries"] if e.get("id") not in marked]
            earlier = [{**e, "review": note(marked[e["id"]])} for e in item["entries"] if e.get("id") in marked]
            items.append({**item, "entries": now, "earlier": earlier})
        sections.append({**section, "items": items})
    return {**snapshot, "sections": sections}


@dataclass(frozen=True)
class DueEntry:
    entry: Entry
    plan: Plan
    where: str  # the section and question it sits under
    written_on: date
    asked: ReviewRequest | None  # the person's latest request since the last review, if any


def review_age_start(person: Person, today: date | None) -> datetime:
    """Words written before this are old enough to go through again (the organisation's review age)."""
    age = add_months(today or timezone.localdate(), -12 * person.organisation.history_review_years)
    return timezone.make_aware(datetime.combine(age, time.min))


def due_for_review(person: Person, today: date | None = None) -> list[DueEntry]:
    """Entries the care team should go through with the person: older than the organisation's review age and never
    looked at again, or asked about by the person since they were last looked at. Oldest first."""
    before = review_age_start(person, today)
    revisions = current_revisions_of(person).select_related("entry__plan__template")
    reviews = _latest(EntryReview.objects.filter(entry__plan__person=person))
    asks = _latest(ReviewRequest.objects.filter(entry__plan__person=person))
    withheld = current_withholdings(person, ENTRY)  # not to go through with the person: they may not see it
    found = []
    for revision in revisions:  # four queries in all, however many plans and entries (the record page counts them)
        if str(revision.entry_id) in withheld:
            continue
        entry, review, asked = revision.entry, reviews.get(revision.entry_id), asks.get(revision.entry_id)
        if asked is not None and review is not None and review.written_at >= asked.written_at:
            asked = None  # looked at since they asked
        old = revision.written_at < before and review is None  # its words, as they stand, are that old
        if old or asked is not None:
            section, prompt, _kind = placement(entry)
            written = timezone.localdate(revision.written_at)
            found.append(DueEntry(entry, entry.plan, f"“{section}”: {prompt}", written, asked))
    return sorted(found, key=lambda due: due.written_on)
