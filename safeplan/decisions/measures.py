"""What shared decisions count for oversight: decisions that weighed harms to the person's life later, including the
harms of the service's own actions (principle 7; people/measures.py)."""

from django.db.models import Exists, OuterRef, Q

from safeplan.decisions.models import Decision, LaterHarm
from safeplan.people.measures import Counts, Measure, Month, during, monthly_counts
from safeplan.people.models import Organisation


def _weighed(organisation: Organisation, months: list[Month]) -> Counts:
    return monthly_counts(
        Decision.objects.all(),
        person="person",
        organisation=organisation,
        months=months,
        counted=lambda first, last: during("agreement__final_at", first, last),
        met=lambda first, last: Q(Exists(LaterHarm.objects.filter(option__decision=OuterRef("pk")))),
    )


MEASURES = [
    Measure(
        "later_harms_weighed",
        50,
        "Decisions that weighed harms to life later",
        "Decisions with at least one harm to the person's life later (work, money, housing, relationships, caring, "
        "liberty, …) weighed for an option",
        "Shared decisions agreed in the month",
        "Each month, by the month the decision was agreed",
        _weighed,
    )
]
