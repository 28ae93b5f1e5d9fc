"""What harm minimisation gives the person's safety summary: the techniques that helped, from the check-ins the person
chose to share with their care team, in their own ratings ("It helped a lot, 3 times"). Check-ins kept private stay
out, and a supporter (who never reads check-ins) is given none."""

from collections import Counter

from safeplan.harm.export import technique_names
from safeplan.harm.models import CheckIn
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import SummaryPart
from safeplan.plans.queries import plans_of

HELPED = dict(CheckIn.HELPED)


def summary_parts(access: RecordAccess) -> list[SummaryPart]:
    if access.is_supporter:
        return []
    found = []
    for plan in plans_of(access.person):
        shared = list(CheckIn.objects.filter(plan=plan, shared=True).order_by("used_on", "created_at"))
        if not shared:
            continue
        names = technique_names({check_in.entry_id for check_in in shared})
        ratings: dict[int, Counter[int]] = {}
        for check_in in shared:
            ratings.setdefault(check_in.entry_id, Counter())[check_in.helped] += 1
        lines = [
            f"{names.get(entry_id, 'A technique')}: "
            + "; ".join(f"{HELPED[helped].lower()}, {_times(n)}" for helped, n in sorted(counts.items(), reverse=True))
            for entry_id, counts in ratings.items()
        ]
        source = f"From check-ins shared with the care team, “{plan.title}”"
        found.append(SummaryPart("techniques", source, tuple(lines)))
    return found


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"
