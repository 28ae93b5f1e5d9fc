"""What concerns count for oversight: concerns acknowledged on time and answered on time, by the month received
(people/measures.py), each counted once its date has passed, met or not. Compliments are thanked, never timed. The
dates are each case's own (its nation's rules, a new response date agreed with the raiser), so these agree with the
late rule (concerns/late.py)."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from safeplan.concerns.models import Concern, Kind, Response, State, Step
from safeplan.people.measures import Counts, Measure, Month, monthly_counts
from safeplan.people.models import Organisation


def _by_month_received(organisation: Organisation, months: list[Month], due: Q, met: Q) -> Counts:
    """Concerns (never compliments) received in each month that are `due` to be counted, and those that `met`."""
    return monthly_counts(
        Concern.objects.filter(kind=Kind.CONCERN),
        person="person",
        organisation=organisation,
        months=months,
        counted=lambda first, last: Q(received_on__gte=first, received_on__lte=last) & due,
        met=lambda first, last: met,
    )


def _acknowledged(organisation: Organisation, months: list[Month]) -> Counts:
    in_time = Exists(
        Step.objects.filter(concern=OuterRef("pk"), written_at__date__lte=OuterRef("acknowledge_by")).exclude(
            state=State.RECEIVED
        )
    )
    today = timezone.localdate()
    return _by_month_received(organisation, months, Q(acknowledge_by__lt=today), Q(in_time))


def _answered(organisation: Organisation, months: list[Month]) -> Counts:
    answered = Exists(Response.objects.filter(concern=OuterRef("pk")))
    in_time = Exists(Response.objects.filter(concern=OuterRef("pk"), written_at__date__lte=OuterRef("respond_by")))
    today = timezone.localdate()
    # A case referred on is answered by whoever took it; one closed with no response was not looked into (past the
    # time limit, or withdrawn): neither is counted.
    counted = Q(respond_by__lt=today) & ~Q(state=State.REFERRED) & ~(Q(state=State.CLOSED) & ~Q(answered))
    return _by_month_received(organisation, months, counted, Q(in_time))


MEASURES = [
    Measure(
        "concerns_acknowledged",
        80,
        "Concerns acknowledged on time",
        "Of those, acknowledged (or moved on) by the date the rules set, three working days in England",
        "Concerns received in the month whose acknowledgement date has passed",
        "Each month, by the month received",
        _acknowledged,
    ),
    Measure(
        "concerns_answered",
        85,
        "Concerns answered on time",
        "Of those, with the written response sent by the response date (the one agreed with the raiser, when a new "
        "date was agreed)",
        "Concerns received in the month whose response date has passed (not those referred on, nor closed unanswered)",
        "Each month, by the month received",
        _answered,
    ),
]
