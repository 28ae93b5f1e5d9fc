"""What shared decisions add to the pages that gather every capability: a part of the record page, demo records."""

from safeplan.people.capabilities import Capability, DemoWorld, RecordPart


def _seed(world: DemoWorld) -> None:
    from safeplan.decisions.demo import seed_decisions

    seed_decisions(world.people[0], world.people[1], world.people[2], world.staff)


DECISIONS = Capability(
    "decisions",
    record_parts=[RecordPart("decisions/_record_part.jinja")],
    seed_demo=_seed,
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
