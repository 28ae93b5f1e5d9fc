"""Reading crisis contacts, leaving hospital and the follow-ups: what is due, and for the caseload, who."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from safeplan.followup.models import CrisisEvent, FollowUp
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
