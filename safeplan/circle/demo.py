"""Demo sharing for `seed_demo`: Rowan shares the crisis section of their agreed plan with Casey (their sister) and
the whole of their six-step draft with Avery (their advocate), so each demo login sees something different."""

from safeplan.circle import services
from safeplan.people.capabilities import DemoWorld
from safeplan.people.models import SupportRelationship
from safeplan.people.records import demo_writer
from safeplan.plans.queries import plans_of


def seed_sharing(world: DemoWorld) -> None:
    rowan = world.people[0]
    assert rowan.user is not None, "the demo's Rowan signs in"
    me = demo_writer(rowan.user, rowan)
    plans = {plan.template.key: plan for plan in plans_of(rowan)}
    casey = SupportRelationship.objects.get(person=rowan, kind=SupportRelationship.Kind.SUPPORTER)
    avery = SupportRelationship.objects.get(person=rowan, kind=SupportRelationship.Kind.ADVOCATE)
    services.set_plan_sharing(me, casey, plans["person-centred"], sections={"crisis"})
    six_step = plans["six-step"]
    services.set_plan_sharing(me, avery, six_step, sections={s["key"] for s in six_step.template.sections})
