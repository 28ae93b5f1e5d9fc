"""What harm minimisation gives the person's safety summary: the techniques that helped, from the check-ins the person
chose to share with their care team, in their own ratings ("It helped a lot, 3 times"). Check-ins kept private stay
out, and a supporter (who never reads check-ins) is given none."""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import gettext as translated  # words from data, not literals to extract

from safeplan.harm.charts import NO_LONGER_IN_PLAN
from safeplan.harm.models import CheckIn
from safeplan.harm.services import TECHNIQUE
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import SummaryLine, SummaryPart
from safeplan.plans.queries import current_revisions, plans_of

HELPED = dict(CheckIn.HELPED)


def summary_parts(access: RecordAccess) -> list[SummaryPart]:
    if access.is_supporter:
        return []
    found = []
    for plan in plans_of(access.person):
        shared = list(CheckIn.objects.filter(plan=plan, shared=True).order_by("used_on", "created_at"))
        if not shared:
            continue
        names = {  # as the check-ins page names them: a technique out of the plan, or hidden from this reader, unnamed
            revision.entry_id: revision.fields.get("name", "")
            for revision in current_revisions(plan, item_key=TECHNIQUE, reader=access)
        }
        ratings: dict[int, Counter[int]] = {}
        for check_in in shared:
            ratings.setdefault(check_in.entry_id, Counter())[check_in.helped] += 1
        lines = [
            SummaryLine(
                f"{names.get(entry_id) or translated(NO_LONGER_IN_PLAN)}: "
                + "; ".join(
                    f"{translated(HELPED[h]).lower()}, {_times(n)}" for h, n in sorted(counts.items(), reverse=True)
                )
            )
            for entry_id, counts in ratings.items()
        ]
        source = _("From check-ins shared with the care team, “%(title)s”") % {"title": plan.shown_title}
        found.append(SummaryPart("techniques", source, tuple(lines)))
    return found


def _times(count: int) -> str:
    if count == 1:
        return _("once")
    if count == 2:
        return _("twice")
    return _("%(count)s times") % {"count": count}
