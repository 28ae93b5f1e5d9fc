"""A realistic plan for benchmarks: written through the services, as the product writes it."""

from safeplan.people.access import resolve_access
from safeplan.people.models import Person, User
from safeplan.plans import services
from safeplan.plans.models import Mode, Plan, PlanTemplate, Voice

BENCH_PURPOSE = "Load test"  # how the bench finds its own plan again among a person's year of synthetic history


def plan_with_entries(practitioner: User, person: Person, *, entries: int, purpose: str = BENCH_PURPOSE) -> Plan:
    access = resolve_access(practitioner, person.pk)
    if access is None:
        raise LookupError("The practitioner does not care for this person.")
    writer = services.Writer(practitioner, access, "bench")
    template = PlanTemplate.objects.get(organisation=None, key="person-centred", version=1)
    plan = services.start_plan(writer, template, purpose=purpose)
    prompts = [(s["key"], i["key"], i["kind"]) for s in template.sections for i in s["items"] if i["kind"] == "text"]
    for n in range(entries):
        section, item, _ = prompts[n % len(prompts)]
        entry = services.add_entry(
            writer,
            plan,
            section_key=section,
            item_key=item,
            fields={"text": f"Synthetic words number {n}, about what helps and what does not. " * 3},
            voice=Voice.PERSON,
            mode=Mode.TOGETHER,
        )
        if n % 5 == 0:
            services.add_entry(
                writer,
                plan,
                section_key="",
                item_key="",
                fields={"text": "The care team sees it a little differently."},
                voice=Voice.CARE_TEAM,
                mode=Mode.OWN,
                responds_to=entry,
            )
    services.put_forward(writer, plan)
    return plan
