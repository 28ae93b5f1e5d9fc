"""What harm minimisation counts for oversight: harm-minimisation plans agreed with the person (people/measures.py)."""

from safeplan.harm.services import HARM_TEMPLATE
from safeplan.people.measures import Counts, Measure, Month
from safeplan.people.models import Organisation
from safeplan.plans.measures import agreed_plan_counts
from safeplan.plans.models import Plan


def _agreed(organisation: Organisation, months: list[Month]) -> Counts:
    return agreed_plan_counts(Plan.objects.filter(template__key=HARM_TEMPLATE), organisation, months)


MEASURES = [
    Measure(
        "harm_plans_agreed",
        60,
        "Harm-minimisation plans agreed",
        "Harm-minimisation plans with a version the person signed, agreed by the end of the month",
        "Harm-minimisation plans of the people cared for in the month, started by its end",
        "At the end of each month (today, for this month)",
        _agreed,
    )
]
