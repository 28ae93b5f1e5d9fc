import pytest
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.harm import services
from safeplan.harm.models import CheckIn
from safeplan.plans.tests.test_plan_access import OUTSIDERS


def harm_urls(world) -> list[tuple[str, str]]:
    entry = world.choose("ice")
    world.answer("want-to-stop", "yes")
    check_in = services.add_check_in(
        world.me, world.harm_plan, entry=entry, used_on=entry.created_at.date(), helped=3, share=True
    )
    plan = {"person_id": world.person.pk, "plan_id": world.harm_plan.pk}
    return [
        ("get", reverse("harm_add_technique", kwargs=plan)),
        ("post", reverse("harm_add_technique", kwargs=plan)),
        ("get", reverse("harm_conversation", kwargs={**plan, "prompt_key": "wants-to-stop"})),
        ("post", reverse("harm_conversation", kwargs={**plan, "prompt_key": "wants-to-stop"})),
        ("get", reverse("harm_check_ins", kwargs=plan)),
        ("post", reverse("harm_check_ins", kwargs=plan)),
        ("get", reverse("harm_check_in", kwargs={**plan, "check_in_id": check_in.pk})),
        ("post", reverse("harm_share_check_in", kwargs={**plan, "check_in_id": check_in.pk})),
        ("get", reverse("harm_information_for_plan", kwargs=plan)),
    ]


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_not_found_on_every_harm_url_and_the_refusal_is_audited(client, world, outsider):
    user = world.outsiders()[outsider]
    urls = harm_urls(world)
    client.force_login(user)
    before = CheckIn.objects.count()
    for method, url in urls:
        seq = AuditEvent.objects.count()
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        assert list(AuditEvent.objects.filter(seq__gt=seq).values_list("action", flat=True)) == ["denied"], url
    assert CheckIn.objects.count() == before


def test_the_person_and_the_care_team_open_every_harm_page(client, world):
    urls = harm_urls(world)
    for user in (world.person.user, world.practitioner):
        client.force_login(user)
        for method, url in urls:
            if method == "get" and ("talked-through" not in url or user == world.practitioner):
                assert client.get(url).status_code == 200, (user, url)


def test_a_harm_url_on_a_safety_plan_is_not_found(client, world):
    client.force_login(world.practitioner)
    url = reverse("harm_check_ins", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk})
    assert client.get(url).status_code == 404
