"""Every plan URL is scoped to the care relationship: outsiders get the same 404 as a missing record, audited."""

import pytest
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.people.tests.factories import CareRelationshipFactory
from safeplan.plans import services
from safeplan.plans.models import Entry
from safeplan.plans.tests.conftest import writer

OUTSIDERS = [
    "another team's practitioner",
    "another team's lead",
    "oversight",
    "administrator",
    "another person",
    "someone else's supporter",
    "the person's supporter (nothing shared)",
    "the person's advocate (nothing shared)",
]


def plan_urls(world, person_id=None, plan_id=None) -> list[tuple[str, str]]:
    """(method, url) for every URL that shows or changes a plan."""
    entry = Entry.objects.filter(plan=world.plan).first() or world.team_writes()
    version = world.plan.versions.first() or services.put_forward(world.staff, world.plan)
    person_id = person_id or world.person.pk
    plan = {"person_id": person_id, "plan_id": plan_id or world.plan.pk}
    return [
        ("get", reverse("plan_list", kwargs={"person_id": person_id})),
        ("post", reverse("plan_list", kwargs={"person_id": person_id})),
        ("get", reverse("plan", kwargs=plan)),
        ("get", reverse("plan_add_entry", kwargs={**plan, "section_key": "staying-well", "item_key": "coping"})),
        ("post", reverse("plan_add_entry", kwargs={**plan, "section_key": "staying-well", "item_key": "coping"})),
        ("get", reverse("plan_change_entry", kwargs={**plan, "entry_id": entry.pk})),
        ("post", reverse("plan_change_entry", kwargs={**plan, "entry_id": entry.pk})),
        ("post", reverse("plan_remove_entry", kwargs={**plan, "entry_id": entry.pk})),
        ("get", reverse("plan_answer_entry", kwargs={**plan, "entry_id": entry.pk})),
        ("post", reverse("plan_answer_entry", kwargs={**plan, "entry_id": entry.pk})),
        ("get", reverse("plan_versions", kwargs=plan)),
        ("post", reverse("plan_put_forward", kwargs=plan)),
        ("get", reverse("plan_version", kwargs={**plan, "number": version.number})),
        ("post", reverse("plan_version", kwargs={**plan, "number": version.number})),
        ("get", reverse("plan_print", kwargs={**plan, "number": version.number})),
        ("get", reverse("plan_pdf", kwargs={**plan, "number": version.number})),
        ("get", reverse("plan_compare", kwargs=plan)),
    ]


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_not_found_on_every_plan_url_and_the_refusal_is_audited(client, world, outsider):
    user = world.outsiders()[outsider]
    client.force_login(user)
    urls = plan_urls(world)
    before = (Entry.objects.count(), world.refresh().revision)
    for method, url in urls:
        seq = AuditEvent.objects.count()
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        assert world.person.full_name not in response.content.decode()
        assert list(AuditEvent.objects.filter(seq__gt=seq).values_list("action", "actor_id")) == [
            ("denied", user.pk)
        ], url
    assert (Entry.objects.count(), world.refresh().revision) == before


def test_a_plan_is_not_found_through_another_persons_record(client, world):
    """A practitioner who cares for two people cannot open one's plan under the other's address."""
    CareRelationshipFactory(person=world.other_person, team=world.care.team)
    client.force_login(world.practitioner)
    for method, url in plan_urls(world, person_id=world.other_person.pk):
        if "/plans/" in url and url.rstrip("/").endswith("plans"):
            continue  # the other person's own plan list is theirs to see
        assert getattr(client, method)(url).status_code == 404, url


def test_the_person_and_their_care_team_can_open_every_plan_page(client, world):
    world.person_writes()
    version = services.put_forward(world.staff, world.plan)
    services.sign_version(world.staff, version, content_hash_seen=version.content_hash)
    services.sign_version(world.me, version, content_hash_seen=version.content_hash)
    for user in (world.practitioner, world.lead, world.person.user):
        client.force_login(user)
        for method, url in plan_urls(world):
            if method == "get":
                assert client.get(url).status_code == 200, (user, url)


def test_every_plan_read_is_audited_with_the_plan_it_showed(client, world):
    client.force_login(world.practitioner)
    before = AuditEvent.objects.count()
    client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk}))
    read = AuditEvent.objects.get(seq=before + 1)
    assert (read.action, read.object_type, read.object_id, read.person_id) == (
        "read",
        "safety_plan",
        str(world.plan.pk),
        world.person.pk,
    )


def test_emergency_access_reads_a_plan_without_links_to_change_it(client, world):
    from safeplan.people import services as people_services

    world.team_writes()
    people_services.start_break_glass(
        actor=people_services.SYSTEM,
        user=world.other_practitioner,
        nhs_number=world.person.nhs_number,
        reason="Ambulance crew asking about the crisis plan",
    )
    assert writer(world.other_practitioner, world.person).access.grant is not None
    client.force_login(world.other_practitioner)
    page = client.get(reverse("plan", kwargs={"person_id": world.person.pk, "plan_id": world.plan.pk}))
    assert page.status_code == 200
    assert "Regular contact with the team" in page.content.decode()
    assert "/change/" not in page.content.decode() and "Put forward" not in page.content.decode()
    add = reverse(
        "plan_add_entry",
        kwargs={
            "person_id": world.person.pk,
            "plan_id": world.plan.pk,
            "section_key": "staying-well",
            "item_key": "coping",
        },
    )
    assert client.post(add, {"text": "x", "voice": "care_team:own"}).status_code == 404
