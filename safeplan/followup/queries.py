"""Reading crisis contacts, leaving hospital and the follow-ups: what is due, and for the caseload, who."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from safeplan.core.fixed_sql import prep, rows
from safeplan.followup.models import CrisisEvent, FollowUp, RecordedInError
from safeplan.people.models import Person


def reached() -> Exists:
    return Exists(FollowUp.objects.filter(event=OuterRef("pk"), reached=True))


def reached_in_time() -> Exists:
    return Exists(
        FollowUp.objects.filter(event=OuterRef("pk"), reached=True, contacted_at__lte=OuterRef("follow_up_by"))
    )


def events_of(person: Person) -> list[CrisisEvent]:
    """The person's events, newest first, each with its follow-ups and whether it was recorded in error (two
    queries)."""
    return list(
        CrisisEvent.objects.filter(person=person)
        .annotate(was_reached=reached(), in_time=reached_in_time())
        .select_related("in_error")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("contacted_at", "pk")))
    )


def waiting(person_ids: Iterable[Any]) -> QuerySet[CrisisEvent]:
    """Events after which nobody has spoken with the person yet (however long ago: the flag stays until someone
    does, or the event is marked recorded in error)."""
    return CrisisEvent.objects.filter(person_id__in=list(person_ids), in_error__isnull=True).exclude(reached())


_EVENTS, _FOLLOW_UPS = CrisisEvent._meta.db_table, FollowUp._meta.db_table
# `waiting` for one person, counted, as SQL written once (core/fixed_sql.py): the record page asks on every read.
# `followup/tests/test_follow_up.py` holds the two to the same answer.
_WAITING_COUNT = (
    f"SELECT COUNT(*) FROM {_EVENTS} e WHERE e.person_id = %s"  # noqa: S608 - table names from the models
    f" AND NOT EXISTS (SELECT 1 FROM {RecordedInError._meta.db_table} x WHERE x.event_id = e.id)"
    f" AND NOT EXISTS (SELECT 1 FROM {_FOLLOW_UPS} f WHERE f.event_id = e.id AND f.reached = %s)"
)


def count_waiting(person_id: Any) -> int:
    """How many of the person's events nobody has spoken with them since (what `waiting` lists), in one statement."""
    ((count,),) = rows(_WAITING_COUNT, [prep(CrisisEvent, "person", person_id), True])
    return int(count)
