import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeplan.people.models import User
from safeplan.plans import services
from safeplan.plans.models import Plan
from safeplan.plans.presenters import plan_status

pytestmark = pytest.mark.django_db


def test_the_demo_has_plans_in_every_template_at_every_stage(capsys):
    call_command("seed_demo")
    # The demo's own people's plans (not the locality teams' synthetic history, whose people cannot sign in).
    plans = list(
        Plan.objects.exclude(person__care_relationships__team__name__contains="locality").select_related("template")
    )
    assert {p.template.key for p in plans} == {"person-centred", "joint-crisis", "six-step", "harm-minimisation"}
    stages = {(p.template.key, _stage(p)) for p in plans}
    assert ("person-centred", "agreed, changed since") in stages
    assert ("six-step", "draft") in stages
    assert ("joint-crisis", "overdue") in stages
    priya = Client()
    priya.force_login(User.objects.get(username="priya"))
    assert "Review overdue" in priya.get(reverse("caseload")).content.decode()
    for plan in plans:
        person_client = Client()
        user = plan.person.user or User.objects.get(username="priya")
        person_client.force_login(user)
        page = person_client.get(reverse("plan", kwargs={"person_id": plan.person_id, "plan_id": plan.pk}))
        assert page.status_code == 200  # each plan opens for its person, or for Priya where they have no login


def _stage(plan: Plan) -> str:
    status = plan_status(plan)
    if status.agreed is None:
        return "draft"
    if status.overdue:
        return "overdue"
    return "agreed, changed since" if status.changed_since_agreed else "agreed"


def _queries_for_plan_page(client, world) -> int:
    url = reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_plan_page_makes_the_same_number_of_queries_however_many_entries_it_has(client, world):
    client.force_login(world.practitioner)
    world.person_writes()
    few = _queries_for_plan_page(client, world)
    for n in range(15):
        entry = world.person_writes(item_key="coping", text=f"Idea {n}")
        if n % 3 == 0:
            services.add_entry(
                world.staff,
                world.plan,
                section_key="",
                item_key="",
                fields={"text": "Another view"},
                voice="care_team",
                mode="own",
                responds_to=entry,
            )
    many = _queries_for_plan_page(client, world)
    assert many == few


def test_the_demo_has_harm_minimisation_plans_with_check_ins_over_several_weeks(capsys):
    from safeplan.harm.models import CheckIn
    from safeplan.harm.prompts import pending

    call_command("seed_demo")
    harm = list(
        Plan.objects.filter(template__key="harm-minimisation", person__user__is_active=True).select_related("person")
    )
    assert len(harm) == 2  # beside the locality teams' synthetic history, whose people cannot sign in
    check_ins = CheckIn.objects.filter(plan__in=harm)
    days = sorted(check_ins.values_list("used_on", flat=True))
    assert len(days) >= 10 and (days[-1] - days[0]).days >= 28
    assert check_ins.filter(shared=True).exists() and check_ins.filter(shared=False).exists()
    agreed = [p for p in harm if plan_status(p).agreed is not None]
    waiting = [p for p in harm if pending(p)]
    assert len(agreed) == 1 and len(waiting) == 1  # Lee's plan waits for the conversation about stopping


def test_the_demo_has_decision_records_at_each_stage(capsys):
    from safeplan.decisions.models import Agreement, Decision
    from safeplan.decisions.presenters import status

    call_command("seed_demo")
    stages = set()
    for decision in Decision.objects.all():
        stages.add(status(decision, Agreement.objects.filter(decision=decision).first())[0])
    assert stages == {
        "Being talked through",
        "Waiting for signatures",
        "Agreed",
        "Decided against the person's preference",
        "Reviewed",
    }
