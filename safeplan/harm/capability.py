"""What harm minimisation adds to the pages that gather every capability: demo records, and the words for its
audited objects on the person's "who has looked" page. (Its plan shows with the person's other plans.)"""

from safeplan.people.capabilities import Capability, DemoWorld


def _seed(world: DemoWorld) -> None:
    from safeplan.harm.demo import seed_harm

    seed_harm(world.organisation, world.people[0], world.people[1], world.staff)


HARM = Capability(
    "harm",
    seed_demo=_seed,
    object_names={"harm_check_ins": "your check-ins", "harm_check_in": "a check-in", "harm_conversation": "your plan"},
)
