"""The record page and a plan page read the database a fixed number of times, however many entries, versions,
plans and people there are (issue 16: no statement per row), and no more than they do today."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeplan.people.access import resolve_access
from safeplan.people.models import StaffRole
from safeplan.people.tests.factories import (
    CareRelationshipFactory,
    PersonFactory,
    StaffRoleFactory,
    TeamFactory,
    UserFactory,
    practitioner_for,
)
from safeplan.plans import services
from safeplan.plans.bench_data import plan_with_entries
from safeplan.plans.models import Mode, Voice

pytestmark = pytest.mark.django_db

# Statements beyond the signed-in floor page's (the session, the user and the layout's own), transaction control
# and savepoints not counted, on PostgreSQL (SQLite appends the audit row in three: people/audit services). Issue
# 16's targets, 5 and 8, both met: a change that adds a statement to either page fails here.
RECORD_PAGE_AT_MOST = 5
PLAN_PAGE_AT_MOST = 8


def statements(client, url: str) -> int:
    client.get(url)  # once to warm what a process keeps
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    control = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK")
    found = [query["sql"] for query in captured.captured_queries if not query["sql"].startswith(control)]
    return len(found)


def grow(practitioner, person, plan) -> None:
    """More of everything: entries and views, versions, another plan, and more people on the caseload."""
    writer = services.Writer(practitioner, resolve_access(practitioner, person.pk), "test")
    section, item = next(
        (s["key"], i["key"]) for s in plan.template.sections for i in s["items"] if i["kind"] == "text"
    )
    for n in range(12):
        services.add_entry(
            writer,
            plan,
            section_key=section,
            item_key=item,
            fields={"text": f"Another thing that helps, number {n}"},
            voice=Voice.PERSON,
            mode=Mode.TOGETHER,
        )
        if n % 4 == 0:
            plan.refresh_from_db()
            services.put_forward(writer, plan)
    plan_with_entries(practitioner, person, entries=6, purpose="Another")
    team = person.care_relationships.get().team
    for _ in range(15):
        CareRelationshipFactory(person=PersonFactory(organisation=person.organisation), team=team)


def test_the_record_and_plan_pages_read_the_same_number_of_times_however_much_there_is(client):
    person = PersonFactory()
    practitioner = practitioner_for(person)
    plan = plan_with_entries(practitioner, person, entries=3)
    client.force_login(practitioner)
    floor = statements(client, reverse("about_records"))
    record_url = reverse("person_record", kwargs={"person_id": person.pk})
    plan_url = reverse("plan", kwargs={"person_id": person.pk, "plan_id": plan.pk})
    small = statements(client, record_url), statements(client, plan_url)

    grow(practitioner, person, plan)

    assert (statements(client, record_url), statements(client, plan_url)) == small
    audit_append = 1 if connection.vendor == "postgresql" else 3
    assert small[0] - floor - audit_append <= RECORD_PAGE_AT_MOST - 1
    assert small[1] - floor - audit_append <= PLAN_PAGE_AT_MOST - 1


def test_the_record_page_lists_each_caring_teams_active_members_by_name_with_the_access(client):
    person = PersonFactory(preferred_name="Ro", user=UserFactory(display_name="Ro"))
    practitioner = practitioner_for(person)
    team = person.care_relationships.get().team
    practitioner.display_name = "Bea Practitioner"
    practitioner.save()
    lead = UserFactory(display_name="", first_name="Ada", last_name="Lead")
    StaffRoleFactory(
        user=lead,
        team=team,
        organisation=team.organisation,
        role=StaffRole.Role.TEAM_LEAD,
        job_title="Consultant nurse",
    )
    gone = UserFactory(display_name="Gone Person", is_active=False)
    StaffRoleFactory(user=gone, team=team, organisation=team.organisation)
    other = TeamFactory(organisation=person.organisation, name="Another team")
    CareRelationshipFactory(person=person, team=other)  # a second caring team, with nobody in it
    client.force_login(practitioner)
    html = client.get(reverse("person_record", kwargs={"person_id": person.pk})).content.decode()
    caring = html[html.index("<h2>Care team</h2>") :]
    assert caring.index("Ada Lead, Consultant nurse (team lead)") < caring.index("Bea Practitioner")
    assert "Gone Person" not in caring
    assert "<h3>Another team</h3>" in caring and f"<h3>{team.name}</h3>" in caring
    client.force_login(person.user)
    mine = client.get(reverse("your_record")).content.decode()
    assert "Ada Lead, Consultant nurse" in mine and "Gone Person" not in mine
