from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeplan.audit.models import AuditEvent
from safeplan.decisions import services
from safeplan.decisions.models import CapacityAssessment, Option
from safeplan.plans.tests.test_plan_access import OUTSIDERS


def urls(world) -> list[tuple[str, str]]:
    home = world.home()
    d = {"person_id": world.person.pk, "decision_id": world.decision.pk}
    return [
        ("get", reverse("decision_list", kwargs={"person_id": world.person.pk})),
        ("post", reverse("decision_list", kwargs={"person_id": world.person.pk})),
        ("get", reverse("decision", kwargs=d)),
        ("get", reverse("decision_add_option", kwargs=d)),
        ("post", reverse("decision_add_option", kwargs=d)),
        ("get", reverse("decision_add_harm", kwargs={**d, "option_id": home.pk})),
        ("post", reverse("decision_add_harm", kwargs={**d, "option_id": home.pk})),
        ("get", reverse("decision_add_view", kwargs=d)),
        ("post", reverse("decision_add_view", kwargs=d)),
        ("get", reverse("decision_capacity", kwargs=d)),
        ("post", reverse("decision_capacity", kwargs=d)),
        ("get", reverse("decision_frameworks", kwargs=d)),
        ("post", reverse("decision_frameworks", kwargs=d)),
        ("get", reverse("decision_agreement", kwargs=d)),
        ("post", reverse("decision_agreement", kwargs=d)),
        ("post", reverse("decision_sign", kwargs=d)),
        ("get", reverse("decision_outcome", kwargs=d)),
    ]


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_not_found_on_every_decision_url_and_the_refusal_is_audited(client, world, outsider):
    user = world.outsiders()[outsider]
    addresses = urls(world)
    client.force_login(user)
    options = Option.objects.count()
    for method, url in addresses:
        seq = AuditEvent.objects.count()
        assert getattr(client, method)(url).status_code == 404, (method, url)
        assert list(AuditEvent.objects.filter(seq__gt=seq).values_list("action", flat=True)) == ["denied"], url
    assert Option.objects.count() == options


def test_the_person_and_the_care_team_open_the_decision_pages(client, world):
    addresses = urls(world)
    for user in (world.person.user, world.practitioner):
        client.force_login(user)
        for method, url in addresses:
            if method == "get" and not ("capacity" in url and user == world.person.user):
                assert client.get(url).status_code == 200, (user, url)


def test_the_capacity_form_says_an_unwise_choice_is_not_incapacity_and_that_capacity_is_presumed(client, world):
    d = {"person_id": world.person.pk, "decision_id": world.decision.pk}
    client.force_login(world.practitioner)
    assert "Capacity is presumed" in client.get(reverse("decision", kwargs=d)).content.decode()
    form = client.get(reverse("decision_capacity", kwargs=d)).content.decode()
    assert "unwise does not mean someone lacks capacity" in form


def test_fluctuating_capacity_without_a_review_date_is_refused_with_a_clear_error(client, world):
    d = {"person_id": world.person.pk, "decision_id": world.decision.pk}
    client.force_login(world.practitioner)
    answers = {
        "understand": "yes",
        "retain": "yes",
        "weigh": "yes",
        "communicate": "yes",
        "notes": "It varies",
        "fluctuating": "on",
    }
    response = client.post(reverse("decision_capacity", kwargs=d), answers)
    assert response.status_code == 422
    assert "because it comes and goes" in response.content.decode()
    assert CapacityAssessment.objects.count() == 0


def test_a_decision_is_made_from_the_browserless_pages_end_to_end(client, world):
    d = {"person_id": world.person.pk, "decision_id": world.decision.pk}
    home = world.home()
    client.force_login(world.person.user)
    client.post(
        reverse("decision_add_view", kwargs=d), {"whose": "person", "preferred": str(home.pk), "reasons": "I am ready"}
    )
    client.force_login(world.practitioner)
    review = (timezone.localdate() + timedelta(days=10)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("decision_agreement", kwargs=d),
        {"chosen": str(home.pk), "look_again_if": "If I stop sleeping", "review_on": review},
    )
    assert response.status_code == 302
    client.post(reverse("decision_sign", kwargs=d))
    client.force_login(world.person.user)
    client.post(reverse("decision_sign", kwargs=d))
    page = client.get(reverse("decision", kwargs=d)).content.decode()
    assert "Agreed" in page and "I am ready" in page
    assert world.decision.agreement.final_at is not None
    assert services.persons_view(world.decision).reasons == "I am ready"
