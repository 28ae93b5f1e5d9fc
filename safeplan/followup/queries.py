"""Reading crisis contacts, leaving hospital and the follow-ups: what is due, and for the caseload, who."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from safeplan.followup.models import CrisisEvent, FollowUp
from safeplan.people.models import Person

RECENT = timedelta(days=14)  # how long an event with nobody reached stays on the caseload


def reached() -> Exists:
    return Exists(FollowUp.objects.filter(event=OuterRef("pk"), reached=True))


def reached_in_time() -> Exists:
    return Exists(
        FollowUp.objects.filter(event=OuterRef("pk"), reached=True, contacted_at__lte=OuterRef("follow_up_by"))
    )


def events_of(person: Person) -> list[CrisisEvent]:
    """The person's events, newest first, each with its follow-ups (two queries)."""
    return list(
        CrisisEvent.objects.filter(person=person)
        .annotate(was_reached=reached(), in_time=reached_in_time())
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("contacted_at", "pk")))
    )


def waiting(person_ids: Iterable[Any], now: datetime | None = None) -> QuerySet[CrisisEvent]:
    """Recent events where nobody has spoken with the person yet."""
    now = now or timezone.now()
    return CrisisEvent.objects.filter(person_id__in=list(person_ids), happened_at__gte=now - RECENT).exclude(reached())
