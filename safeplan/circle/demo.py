"""Demo sharing for `seed_demo`, so each demo login sees something different:

- Casey (Rowan's sister, a supporter) sees the crisis section of Rowan's agreed plan and may add her own words there;
  she has, and she has written about her own needs as a carer (kept from Rowan, as she chose). Priya offered her a
  carer's assessment.
- Avery (Rowan's independent advocate) sees the whole of Rowan's six-step draft and the weekend decision, and may
  raise concerns on Rowan's behalf.
"""

from datetime import timedelta

from django.utils import timezone

from safeplan.circle import carers, services
from safeplan.people.capabilities import DemoWorld, shareables
from safeplan.people.models import SupportRelationship
from safeplan.people.records import demo_writer
from safeplan.plans import services as plans
from safeplan.plans.models import Mode, Voice
from safeplan.plans.queries import plans_of


def seed_sharing(world: DemoWorld) -> None:
    rowan = world.people[0]
    assert rowan.user is not None, "the demo's Rowan signs in"
    me = demo_writer(rowan.user, rowan)
    by_key = {plan.template.key: plan for plan in plans_of(rowan)}
    casey = SupportRelationship.objects.get(person=rowan, kind=SupportRelationship.Kind.SUPPORTER)
    avery = SupportRelationship.objects.get(person=rowan, kind=SupportRelationship.Kind.ADVOCATE)
    crisis_plan = by_key["person-centred"]
    services.set_plan_sharing(me, casey, crisis_plan, sections={"crisis"}, adds={"crisis"})
    plans.add_entry(
        demo_writer(casey.user, rowan),
        crisis_plan,
        section_key="crisis",
        item_key="feel-safe",
        fields={"text": "Ring me, whatever the time. I can be there in twenty minutes and I will not ask questions."},
        voice=Voice.SUPPORTER,
        mode=Mode.OWN,
        supporter=casey,
    )
    six_step = by_key["six-step"]
    services.set_plan_sharing(me, avery, six_step, sections={s["key"] for s in six_step.template.sections})
    weekend = next(item for item in shareables(rowan) if item.object_type == "decision" and "weekend" in item.title)
    services.set_sharing(me, avery, weekend, parts={""})
    services.set_sharing(me, avery, services.acting_for(rowan), parts={"raise_concerns"})
    _carer(world, casey)


def _carer(world: DemoWorld, casey: SupportRelationship) -> None:
    carers.note_needs(
        casey.user,
        casey,
        needs="Some sleep. I have been up most nights since the spring, and I do not know who to ring at night.",
        person_may_see=False,
        request_id="seed_demo",
        now=timezone.now() - timedelta(days=6),
    )
    carers.record_offer(
        demo_writer(world.staff["priya"], casey.person), casey, timezone.localdate() - timedelta(days=2)
    )
