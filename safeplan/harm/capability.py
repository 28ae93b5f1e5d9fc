"""What harm minimisation adds to the pages that gather every capability: demo records, and the words for its
audited objects on the person's "who has looked" page. (Its plan shows with the person's other plans.)"""

from typing import Any

from django.utils.translation import gettext_noop as N_

from safeplan.harm import measures as harm_measures
from safeplan.people.access import RecordAccess
from safeplan.people.capabilities import Capability, DemoWorld, SummaryPart
from safeplan.people.models import Person


def _seed(world: DemoWorld) -> None:
    from safeplan.harm.demo import seed_harm

    seed_harm(world.organisation, world.people[0], world.people[1], world.staff)


def _export(person: Person) -> dict[str, Any]:
    from safeplan.harm.export import export_harm

    return export_harm(person)


def _summary(access: RecordAccess) -> list[SummaryPart]:
    from safeplan.harm.summary import summary_parts

    return summary_parts(access)


HARM = Capability(
    "harm",
    measures=harm_measures.MEASURES,
    seed_demo=_seed,
    export=_export,
    object_names={
        "harm_check_ins": N_("your check-ins"),
        "harm_check_in": N_("a check-in"),
        "harm_conversation": N_("your plan"),
    },
    summary=_summary,
)
