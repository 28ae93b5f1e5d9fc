"""What the circle counts for oversight: people with a supporter involved, and things withheld from people that are
past the date they were to be looked at again (people/measures.py)."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q

from safeplan.people.measures import Counts, Measure, Month, by, day_starts, monthly_counts, people_counts
from safeplan.people.models import Organisation, SupportRelationship
from safeplan.people.withholding import Withholding


def _supporters(organisation: Organisation, months: list[Month]) -> Counts:
    def involved(first, last) -> Q:  # type: ignore[no-untyped-def]
        support = SupportRelationship.objects.filter(
            person=OuterRef("pk"), kind=SupportRelationship.Kind.SUPPORTER, started_on__lte=last
        ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        return Q(Exists(support))

    return people_counts(organisation, months, involved)


def _withheld_past_review(organisation: Organisation, months: list[Month]) -> Counts:
    return monthly_counts(
        Withholding.objects.all(),
        person="person",
        organisation=organisation,
        months=months,
        counted=lambda first, last: (
            by("decided_at", last)
            & (Q(released_at__isnull=True) | Q(released_at__gte=day_starts(last + timedelta(days=1))))
        ),
        met=lambda first, last: Q(review_on__lt=last),
    )


MEASURES = [
    Measure(
        "withheld_past_review",
        90,
        "Withheld items past their review date",
        "Things withheld from the person whose review date had passed by the end of the month",
        "Things withheld from people cared for in the month, still withheld at its end",
        "At the end of each month (today, for this month)",
        _withheld_past_review,
        better="lower",
        why="Withholding is for serious harm only and is looked at again by its date; none should be past it.",
    ),
    Measure(
        "supporters_involved",
        100,
        "People with a supporter involved",
        "People with at least one supporter (family, friend, carer or peer) they chose, at some time in the month",
        "People cared for in the month",
        "Each month",
        _supporters,
    ),
]
