"""A person with a plan of one kind is told so before starting another, and a second one has a name that says what
it is for (issue 9, item 5)."""

from django.urls import reverse

from safeplan.plans.models import Plan


def plan_list(world):
    return reverse("plan_list", kwargs={"person_id": world.person.pk})


def test_the_choice_of_plans_says_which_kinds_the_person_already_has(client, world):
    client.force_login(world.practitioner)
    page = client.get(plan_list(world)).content.decode()
    assert f"My risk and safety plan ({world.person.name_to_use} already has one)" in page
    assert "My joint crisis plan (" not in page


def test_starting_a_second_plan_of_a_kind_without_a_purpose_points_to_the_first_and_starts_nothing(client, world):
    client.force_login(world.practitioner)
    response = client.post(plan_list(world), {"template": world.template.pk})
    page = response.content.decode()
    assert response.status_code == 422
    assert f"{world.person.name_to_use} already has “My risk and safety plan”" in page
    assert reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk}) in page
    assert Plan.objects.filter(person=world.person).count() == 1


def test_a_second_plan_of_a_kind_is_named_for_its_purpose_and_the_two_can_be_told_apart(client, world):
    client.force_login(world.person.user)
    response = client.post(plan_list(world), {"template": world.template.pk, "purpose": "when I am at university"})
    assert response.status_code == 302
    second = Plan.objects.exclude(pk=world.plan.pk).get(person=world.person)
    assert second.title == "My risk and safety plan: when I am at university"
    page = client.get(plan_list(world)).content.decode()
    assert ">My risk and safety plan</a>" in page and ">My risk and safety plan: when I am at university</a>" in page
    again = client.post(plan_list(world), {"template": world.template.pk, "purpose": "When I am at University"})
    assert again.status_code == 422 and "already a “My risk and safety plan” for" in again.content.decode()


def test_the_person_is_told_in_their_own_words_that_they_already_have_one(client, world):
    client.force_login(world.person.user)
    page = client.post(plan_list(world), {"template": world.template.pk}).content.decode()
    assert "You already have “My risk and safety plan”" in page


def test_the_plan_page_lists_the_persons_other_plans_under_their_own_heading(client, world):
    from safeplan.plans import services
    from safeplan.plans.models import PlanTemplate

    services.start_plan(world.staff, PlanTemplate.objects.get(organisation=None, key="joint-crisis", version=1))
    client.force_login(world.practitioner)
    page = client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})).content
    page = page.decode()
    heading = page.index(f"{world.person.name_to_use}&#39;s other plans</h2>")
    assert page.index("Versions and signatures") < heading < page.index(">My joint crisis plan</a>")


def test_the_plan_page_reads_the_persons_plans_as_the_orm_rule_does(world):
    from safeplan.people.access import resolve_access
    from safeplan.plans import services
    from safeplan.plans.models import PlanTemplate
    from safeplan.plans.queries import plan_and_the_others

    second = services.start_plan(
        world.staff, PlanTemplate.objects.get(organisation=None, key="joint-crisis", version=1)
    )
    access = resolve_access(world.practitioner, world.person.pk)
    found, others = plan_and_the_others(access, second.pk)  # the page's own SQL
    rule = list(Plan.objects.filter(person=world.person).select_related("template").order_by("started_at", "pk"))
    assert [found.pk] + [p.pk for p in others] == [second.pk] + [p.pk for p in rule if p.pk != second.pk]
    by_id = {p.pk: p for p in [found, *others]}
    for expected in rule:
        plan = by_id[expected.pk]
        for field in Plan._meta.concrete_fields:
            assert getattr(plan, field.attname) == getattr(expected, field.attname)
        for field in PlanTemplate._meta.concrete_fields:
            assert getattr(plan.template, field.attname) == getattr(expected.template, field.attname)
