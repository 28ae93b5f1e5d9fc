"""What shared decisions add to the pages that gather every capability: a part of the record page, demo records."""

from typing import Any

from safeplan.people.capabilities import Capability, DemoWorld, RecordPart
from safeplan.people.models import Person


def _seed(world: DemoWorld) -> None:
    from safeplan.decisions.demo import seed_decisions

    seed_decisions(world.people[0], world.people[1], world.people[2], world.staff)


def _export(person: Person) -> dict[str, Any]:
    from safeplan.decisions.export import export_decisions

    return export_decisions(person)


DECISIONS = Capability(
    "decisions",
    record_parts=[RecordPart("decisions/_record_part.jinja")],
    seed_demo=_seed,
    export=_export,
    object_names={
        name: "a decision"
        for name in [
            "decision",
            "decision_option",
            "decision_later_harm",
            "decision_view",
            "decision_capacity",
            "decision_legal_check",
            "decision_agreement",
            "decision_outcome",
        ]
    }
    | {"decisions": "your decisions"},
    creation_words={"decision": "started a decision"},
)
