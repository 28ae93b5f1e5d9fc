"""The measures page and its CSV: for oversight staff and team leads only, audited as figures about no one, with no
identifier and no small number anywhere; and oversight staff reach no individual record, by any URL."""

import csv
import io
import re
import uuid
from datetime import date

import pytest
import time_machine
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver

from safeplan.audit.models import AuditEvent
from safeplan.core.charts import SMALL
from safeplan.oversight.tests.test_measures import TODAY, Year
from safeplan.people.models import Person, StaffRole
from safeplan.people.tests.factories import PersonFactory, StaffRoleFactory, UserFactory
from safeplan.plans.models import Voice
from safeplan.site import history


@pytest.fixture
def busy(db) -> Year:
    """Team A with 12 people and team B with 3, a year of plans and entries between them."""
    year = Year()
    people = [year.ash]
    for n in range(11):
        person = PersonFactory(organisation=year.org, user=UserFactory(), full_name=f"Synthetic Busy {n}")
        history.cared_for(person, year.a, date(2025, 6, 1))
        people.append(person)
    for person in [*people, year.cy]:
        made = history.plan(year.rows, person, year.staff, date(2026, 1, 10))
        history.entry(year.rows, made, year.staff, date(2026, 2, 1), Voice.PERSON)
        history.version(year.rows, made, year.staff, 1, agreed=date(2026, 3, 1) if person != year.ash else None)
    year.rows.save()
    year.oversight = StaffRoleFactory(team=None, organisation=year.org, role=StaffRole.Role.OVERSIGHT).user
    year.lead = StaffRoleFactory(team=year.a, organisation=year.org, role=StaffRole.Role.TEAM_LEAD).user
    return year


def get(client, user, name, **params):
    client.force_login(user)
    with time_machine.travel(TODAY, tick=False):
        return client.get(reverse(name), params)


def test_oversight_and_team_leads_see_the_measures_and_each_view_is_audited_once(client, busy):
    for user in (busy.oversight, busy.lead):
        before = AuditEvent.objects.count()
        response = get(client, user, "oversight")
        assert response.status_code == 200
        page = response.content.decode()
        assert "Plans agreed with the person" in page and "Entries in the person&#39;s own words" in page
        assert "<svg" in page and "<table" in page
        events = AuditEvent.objects.filter(seq__gt=before)
        assert events.count() == 1
        event = events.get()
        assert event.object_type == "oversight_measures" and event.person_id is None
        assert event.purpose == AuditEvent.Purpose.GOVERNANCE


def test_practitioners_people_and_supporters_get_404(client, busy):
    supporter = UserFactory()
    history.supporter(busy.rows, busy.ash, supporter, date(2026, 1, 1))
    busy.rows.save()
    for user in (busy.staff, busy.ash.user, supporter):
        assert get(client, user, "oversight").status_code == 404
        assert get(client, user, "oversight_csv").status_code == 404


def test_the_page_shows_no_small_number_and_no_name(client, busy):
    page = get(client, busy.oversight, "oversight").content.decode()
    # March: 11 of team A's 12 plans agreed; team B's 3 people are too few to show, and so then is team A's figure.
    assert "92.3% (12 of 13)" not in page  # the rest (1) would be a small number
    assert "fewer than 5" in page
    for person in Person.objects.all():
        assert person.full_name not in page and person.nhs_number not in page and str(person.pk) not in page


def test_the_csv_has_every_cell_no_identifier_and_no_small_number(client, busy):
    response = get(client, busy.oversight, "oversight_csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["team"] for row in rows} == {"whole organisation", "A", "B"}
    assert len({row["month"] for row in rows}) == 12
    for row in rows:
        for column in ("numerator", "denominator"):
            if row[column]:
                assert int(row[column]) not in SMALL
        if row["numerator"] and row["denominator"] and row["unit"] == "%":
            assert int(row["denominator"]) - int(row["numerator"]) not in SMALL
        if not row["value"]:
            assert row["note"] in ("fewer than 5", "not shown (small numbers)", "none counted")
    own = [r for r in rows if r["measure"] == "own_words" and r["month"] == "2026-02"]
    assert {r["team"]: r["value"] for r in own}["A"] == "100"
    for person in Person.objects.all():
        assert person.full_name not in text and person.nhs_number not in text and str(person.pk) not in text
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text), "no record's id"
    assert AuditEvent.objects.filter(object_type="oversight_measures", object_id__contains="CSV").count() == 1


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), pattern


FILL = {"int": "1", "uuid": str(uuid.uuid4()), "slug": "crisis", "str": "x"}


def test_oversight_gets_404_on_every_individual_record_url(client, busy):
    """Every URL that names a person, filled in with a real person of the organisation and real things of theirs
    where there are any: an oversight role opens none of them."""
    made = busy.ash.plans.first()
    known = {"person_id": str(busy.ash.pk), "plan_id": str(made.pk), "number": "1", "entry_id": None}
    known["entry_id"] = str(made.entries.first().pk)
    client.force_login(busy.oversight)
    tried = 0
    for route, pattern in _patterns(get_resolver().url_patterns):
        if "<str:person_id>" not in route:
            continue
        kwargs = {}
        for converter, name in re.findall(r"<(\w+):(\w+)>", route):
            kwargs[name] = known.get(name) or FILL[converter]
        url = reverse(pattern.name, kwargs=kwargs)
        response = client.get(url)
        if response.status_code == 405:  # a form's target: try what the form would send
            response = client.post(url, {})
        assert response.status_code == 404, url
        tried += 1
    assert tried > 40
