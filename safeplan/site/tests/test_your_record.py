"""The person's home shows what matters now (their crisis plan, their plans), with who has looked lately; the whole
access log is its own page, one line per visit, newest first, paged (issue 9, item 6)."""

import re
from datetime import UTC, datetime, timedelta

import time_machine
from django.urls import reverse

from safeplan.audit import services as audit
from safeplan.audit.models import AuditEvent
from safeplan.people.access import resolve_access
from safeplan.people.access_log import visits
from safeplan.people.records import Writer
from safeplan.plans import services
from safeplan.plans.models import Mode, PlanTemplate, Voice


def staff_writer(world):
    return Writer(world.practitioner, resolve_access(world.practitioner, world.person.pk))


def start_crisis_plan(world):
    template = PlanTemplate.objects.get(organisation=None, key="joint-crisis", version=1)
    return services.start_plan(staff_writer(world), template)


def add_contacts(world, plan, count):
    for i in range(count):
        services.add_entry(
            staff_writer(world),
            plan,
            section_key="crisis",
            item_key="contact",
            fields={"name": f"Contact {i}", "phone": "07700 900001"},
            voice=Voice.CARE_TEAM,
            mode=Mode.OWN,
        )


def test_a_sitting_of_many_changes_is_one_line_in_plain_words(client, world):
    plan = start_crisis_plan(world)
    add_contacts(world, plan, 4)
    found, more = visits(world.person)
    assert len(found) == 1 and more is None
    assert found[0].who == str(world.practitioner)
    assert found[0].what == "Started a plan, added 4 things to your plan"
    client.force_login(world.person.user)
    page = client.get(reverse("your_access_log")).content.decode()
    assert page.count("Started a plan, added 4 things to your plan") == 1


def test_visits_are_split_by_an_hours_gap_by_day_and_by_who(world):
    actor = audit.Actor(world.practitioner.pk, str(world.practitioner), "practitioner")
    other = audit.Actor(world.lead.pk, str(world.lead), "team lead")
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    for minutes, who in [(0, actor), (30, actor), (95, actor), (96, other), (60 * 24, actor)]:
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            audit.record_now(actor=who, action="read", object_type="person", person_id=world.person.pk, purpose="care")
    found, _ = visits(world.person)
    assert [(v.who, v.what) for v in found] == [
        (str(world.practitioner), "Looked at your record"),
        (str(world.lead), "Looked at your record"),
        (str(world.practitioner), "Looked at your record"),
        (str(world.practitioner), "Looked at your record (2 times)"),
    ]
    assert found[-1].when == "2 November 2026, 9:00am to 9:30am"


def test_the_whole_log_is_paged_without_repeating_or_losing_a_visit(client, world):
    actor = audit.Actor(world.practitioner.pk, str(world.practitioner), "practitioner")
    start = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    for day in range(25):
        with time_machine.travel(start + timedelta(days=day), tick=False):
            audit.record_now(
                actor=actor, action="read", object_type="person", person_id=world.person.pk, purpose="care"
            )
    client.force_login(world.person.user)
    first = client.get(reverse("your_access_log")).content.decode()
    assert first.count("Looked at your record") == 20
    older = int(re.search(r"\?before=(\d+)", first).group(1))
    second = client.get(reverse("your_access_log"), {"before": older}).content.decode()
    assert second.count("Looked at your record") == 5 and "Show earlier visits" not in second
    seen = [v.first for v in visits(world.person)[0]] + [v.first for v in visits(world.person, before_seq=older)[0]]
    assert len(set(seen)) == 25


def test_the_persons_home_leads_with_their_crisis_plan_and_keeps_only_the_latest_visits(client, world):
    plan = start_crisis_plan(world)
    add_contacts(world, plan, 2)
    actor = audit.Actor(world.lead.pk, str(world.lead), "team lead")
    for day in range(6):
        with time_machine.travel(datetime(2026, 3, 1 + day, 9, 0, tzinfo=UTC), tick=False):
            audit.record_now(
                actor=actor, action="read", object_type="person", person_id=world.person.pk, purpose="care"
            )
    client.force_login(world.person.user)
    page = client.get(reverse("your_record")).content.decode()
    assert f'href="{reverse("crisis")}">In a crisis: what to do and who to call' in page
    assert page.index("In a crisis: what to do") < page.index("Who has looked lately") < page.index("Your care team")
    assert page.count("Looked at your record") <= 3
    assert reverse("your_access_log") in page


def test_the_persons_own_visits_never_appear_in_their_log(client, world):
    client.force_login(world.person.user)
    for _ in range(3):
        client.get(reverse("your_record"))
    assert AuditEvent.objects.filter(actor_id=world.person.user.pk).exists()
    assert visits(world.person)[0] == []


def test_the_access_log_page_only_ever_shows_the_signed_in_persons_own_log(client, world):
    client.force_login(world.practitioner)
    client.get(reverse("person_record", kwargs={"person_id": world.person.pk}))
    for name, outsider in world.outsiders().items():
        client.force_login(outsider)
        response = client.get(reverse("your_access_log"))
        if name == "another person":
            assert response.status_code == 200 and str(world.practitioner) not in response.content.decode()
        else:
            assert response.status_code == 404, name
