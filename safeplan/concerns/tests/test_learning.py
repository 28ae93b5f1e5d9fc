"""The learning page (issue 12, item 6): an organisation's figures from concerns and compliments, with no names and
no words anyone wrote, small numbers suppressed, for its oversight staff and team leads only, audited as a listing
about no one; and the same figures as plain data for the oversight capability to chart."""

import html
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.concerns import restorative, services
from safeplan.concerns.learning import FEWER, HIDDEN, Figure, count, learning_for, median_days, protected, share
from safeplan.people.access import resolve_access
from safeplan.people.records import Writer
from safeplan.people.tests.conftest import World
from safeplan.people.tests.factories import CareRelationshipFactory, StaffRoleFactory, UserFactory

LONDON = ZoneInfo("Europe/London")
TODAY = datetime(2026, 11, 20, 12, 0, tzinfo=LONDON)  # a Friday
WHAT = "Words nobody else should read on a figures page"
PLAN_ID = "11111111-1111-1111-1111-111111111111"


@pytest.fixture
def world(db) -> World:
    return World()


def at(day: date, hour: int = 10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=LONDON), tick=False)


def as_(world, user, person=None) -> Writer:
    return Writer(user, resolve_access(user, (person or world.person).pk))


def raise_on(world, day: date, *, kind="concern", about=None, user=None, person=None):
    with at(day):
        return services.raise_concern(
            as_(world, user or world.person.user, person),
            kind=kind,
            about=about or services.About("something else"),
            what_happened=WHAT,
        )


def a_year_of_cases(world, *, with_restorative=True):
    """Six concerns about a plan received on Thursday 1 October 2026, acknowledged after 1 to 6 working days and all
    answered on Thursday 29 October (20 working days, on time); five said it put things right, one partly; one
    response said nothing would change and one of those had a restorative response. Three concerns about something
    else in November, not yet answered; two compliments in September."""
    staff = as_(world, world.practitioner)
    acknowledged = [date(2026, 10, d) for d in (2, 5, 6, 7, 8, 9)]
    october = []
    for index, day in enumerate(acknowledged):
        concern = raise_on(world, date(2026, 10, 1), about=services.About("my plan", "plan", PLAN_ID))
        with at(day):
            services.acknowledge(staff, concern)
        with at(date(2026, 10, 29)):
            will_change = "Nothing." if index == 0 else "A second number in every plan."
            services.respond(staff, concern, how_looked_into="Rang", found="Down", will_change=will_change)
            services.say_satisfied(as_(world, world.person.user), concern, answer="partly" if index == 0 else "yes")
        october.append(concern)
    with at(date(2026, 10, 30)):
        if with_restorative:
            restorative.record_restorative(
                staff,
                october[0],
                agreed_on=date(2026, 10, 30),
                their_account="a",
                our_account="b",
                what_changed="c",
                changed=restorative.Changed("policy", words="rota"),
                learned="d",
            )
    for day in (2, 3, 4):
        raise_on(world, date(2026, 11, day))
    for day in (10, 11):
        raise_on(world, date(2026, 9, day), kind="compliment")


def test_a_count_from_1_to_4_is_shown_as_fewer_than_5():
    assert [count(n).text for n in (0, 1, 4, 5, 12)] == ["0", FEWER, FEWER, "5", "12"]
    assert count(3).value is None and count(0).value == 0


def test_a_count_that_would_reveal_a_suppressed_one_by_subtraction_is_hidden_too():
    assert [f.text for f in protected([6, 3, 0, 9])] == [HIDDEN, FEWER, "0", "9"]  # total 18 is shown
    assert [f.text for f in protected([6, 3, 2])] == ["6", FEWER, FEWER]  # two suppressed: neither is revealed
    assert [f.text for f in protected([3, 0])] == [FEWER, "0"]  # the total is itself fewer than 5
    assert [f.text for f in protected([7, 5])] == ["7", "5"]


def test_a_median_of_few_cases_and_a_share_with_few_late_are_not_shown():
    assert median_days([1, 2, 3, 4]) == Figure(None, "fewer than 5 cases")
    assert median_days([1, 2, 3, 4, 9]) == Figure(3, "3")
    assert median_days([]).value is None
    assert share(9, 10).text == HIDDEN  # one late could be worked out
    assert share(3, 10).text == HIDDEN
    assert share(2, 3).text == "fewer than 5 due"
    assert share(10, 10) == Figure(100, "100%") and share(5, 10) == Figure(50, "50%")


def test_the_figures_of_a_year_of_cases(world):
    a_year_of_cases(world)
    with time_machine.travel(TODAY, tick=False):
        figures = learning_for(world.org)
    assert (figures.first, figures.last) == (date(2025, 12, 1), date(2026, 11, 1))
    months = {f"{m.start:%Y-%m}": m for m in figures.months}
    assert len(months) == 12
    october, november, september = months["2026-10"], months["2026-11"], months["2026-09"]
    # 9 concerns in all, but a month of them is not shown, so neither is the total (H34)
    assert (figures.concerns.text, figures.compliments.text) == (HIDDEN, HIDDEN)
    assert november.concerns.text == FEWER and october.concerns.text == HIDDEN  # else 9 - 3 = 6 gives November away
    assert september.compliments.text == FEWER and months["2026-08"].concerns.text == "0"
    assert october.acknowledge_days == Figure(3.5, "3.5")  # 1, 2, 3, 4, 5 and 6 working days
    assert october.respond_days == Figure(20, "20") and october.on_time == Figure(100, "100%")
    assert november.on_time.text == "none due yet"  # received this month: not due until December
    assert figures.acknowledge_days.text == "3.5" and figures.on_time.text == "100%"
    assert dict(figures.themes) == {
        "One of their plans": Figure(None, HIDDEN),
        "One of their decisions": Figure(0, "0"),
        "Their safety summary": Figure(0, "0"),
        "Something withheld from them": Figure(0, "0"),
        "Something the service did": Figure(0, "0"),
        "Something else": Figure(None, FEWER),
    }
    assert dict(figures.satisfaction) == {"Yes": Figure(5, "5"), "Partly": Figure(None, FEWER), "No": Figure(0, "0")}
    assert figures.changed == Figure(6, "6")  # five said what will change; the sixth changed through a restorative one


def test_a_response_that_says_nothing_will_change_is_not_counted_as_a_change(world):
    a_year_of_cases(world, with_restorative=False)
    with time_machine.travel(TODAY, tick=False):
        assert learning_for(world.org).changed == Figure(5, "5")


def test_another_organisations_cases_are_not_counted(world):
    care = CareRelationshipFactory()
    care.person.user = UserFactory()
    care.person.save()
    for _ in range(6):
        raise_on(world, date(2026, 11, 2), user=care.person.user, person=care.person)
    with time_machine.travel(TODAY, tick=False):
        assert learning_for(world.org).concerns == Figure(0, "0")
        assert learning_for(care.person.organisation).concerns == Figure(6, "6")


def test_the_figures_take_the_same_few_queries_however_many_cases(world, django_assert_max_num_queries):
    a_year_of_cases(world)
    with time_machine.travel(TODAY, tick=False), django_assert_max_num_queries(5):
        learning_for(world.org)


def test_oversight_and_team_leads_of_the_organisation_read_it_with_no_names_or_words(client, world):
    a_year_of_cases(world)
    url = reverse("concerns_learning")
    for user in [world.oversight, world.lead, world.other_lead]:
        client.force_login(user)
        seq = AuditEvent.objects.count()
        with time_machine.travel(TODAY, tick=False):
            response = client.get(url)
        page = html.unescape(response.content.decode())
        assert response.status_code == 200
        assert "<title>Learning from concerns and compliments – safeplan</title>" in page
        assert WHAT not in page and world.person.full_name not in page and str(world.person.user) not in page
        assert "From December 2025 to November 2026" in page and "<svg" in page and "<table" in page
        assert 'href="/learning/concerns/"' in page  # in the navigation
        listed = AuditEvent.objects.get(seq__gt=seq)
        assert (listed.action, listed.object_type, listed.person_id) == ("list", "concerns_learning", None)


def test_nobody_else_sees_it(client, world):
    elsewhere = StaffRoleFactory(team=None, role="oversight").user  # oversight of another organisation
    url = reverse("concerns_learning")
    for user in [world.practitioner, world.person.user, world.supporter, world.administrator, elsewhere]:
        client.force_login(user)
        page = client.get(url)
        if user is elsewhere:  # their own organisation's figures, none of these
            assert page.status_code == 200 and f"{world.org.name}, " not in page.content.decode()
            continue
        assert page.status_code == 404, user
        assert client.get(reverse("concerns_learning_json")).status_code == 404
        assert 'href="/learning/concerns/"' not in client.get(reverse("home"), follow=True).content.decode()


def test_the_same_figures_as_plain_data_with_null_for_what_is_not_shown(client, world):
    a_year_of_cases(world)
    client.force_login(world.oversight)
    with time_machine.travel(TODAY, tick=False):
        data = json.loads(client.get(reverse("concerns_learning_json")).content)
    assert (data["from"], data["to"], len(data["months"])) == ("2025-12", "2026-11", 12)
    october = next(m for m in data["months"] if m["month"] == "2026-10")
    assert october["concerns"] == {"value": None, "text": HIDDEN}
    assert october["median_working_days_to_acknowledge"] == {"value": 3.5, "text": "3.5"}
    overall = data["overall"]
    assert overall["concerns"] == {"value": None, "text": HIDDEN} and overall["led_to_a_change"]["value"] == 6
    assert overall["put_things_right"]["partly"] == {"value": None, "text": FEWER}
    assert WHAT not in json.dumps(data) and world.person.full_name not in json.dumps(data)


def test_no_suppressed_count_can_be_worked_out_from_a_total_however_many_are_hidden():
    from safeplan.concerns.learning import protected, total

    cells = protected([10, 1, 1])
    assert [cell.value for cell in cells] == [10, None, None]
    assert total(12, cells).value is None  # with the total shown, both hidden cells would have to be 1
    shown = protected([10, 5, 6])
    assert total(21, shown).value == 21
    assert total(21, shown, protected([20, 1])).value is None  # the same total beside another hidden breakdown
