"""Improvement cycles: the figures before and after come from exactly two periods (the cycle, and as long again just
before it); starting one refuses bad input and changes nothing; what was learned is kept, a stale change refused;
and only the organisation's oversight staff and team leads reach any of it."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from safeplan.audit.models import AuditEvent
from safeplan.oversight import cycles
from safeplan.oversight.models import ImprovementCycle
from safeplan.oversight.tests.test_measures import TODAY, Year
from safeplan.people.capabilities import measures
from safeplan.people.measures import ORGANISATION, Month
from safeplan.people.models import StaffRole
from safeplan.people.tests.factories import OrganisationFactory, StaffRoleFactory
from safeplan.plans.models import Voice
from safeplan.site import history


@pytest.fixture
def year(db) -> Year:
    found = Year()
    found.oversight = StaffRoleFactory(team=None, organisation=found.org, role=StaffRole.Role.OVERSIGHT).user
    return found


def a_cycle(year, **changes) -> ImprovementCycle:
    fields = {
        "title": "People write their own words first",
        "aim": "More of each plan in the person's own words",
        "change": "Hand the keyboard over at the start",
        "chosen": ["own_words"],
        "prediction": "Two in three entries in their words",
        "starts_on": date(2026, 6, 1),
        "ends_on": date(2026, 7, 31),
    }
    return cycles.start(year.org, year.oversight, **{**fields, **changes})


def entries(year, day, person_voice, team_voice):
    made = history.plan(year.rows, year.ash, year.staff, date(2026, 1, 1))
    for voice, many in ((Voice.PERSON, person_voice), (Voice.CARE_TEAM, team_voice)):
        for _ in range(many):
            history.entry(year.rows, made, year.staff, day, voice)


def test_before_and_after_use_exactly_the_two_periods(year):
    entries(year, date(2026, 3, 31), 0, 5)  # the day before "before": left out
    entries(year, date(2026, 4, 1), 3, 3)  # the first day of "before"
    entries(year, date(2026, 5, 31), 3, 3)  # its last
    entries(year, date(2026, 6, 1), 5, 0)  # the cycle's first day
    entries(year, date(2026, 7, 31), 5, 5)  # its last
    entries(year, date(2026, 8, 1), 0, 5)  # the day after: left out
    year.rows.save()
    cycle = a_cycle(year)
    assert cycles.periods(cycle, TODAY.date()) == (
        Month(date(2026, 4, 1), date(2026, 5, 31)),
        Month(date(2026, 6, 1), date(2026, 7, 31)),
    )
    with time_machine.travel(TODAY, tick=False):
        [found] = cycles.before_after(cycle)
        before, after = cycles.periods(cycle, TODAY.date())
        exact = next(m for m in measures() if m.key == "own_words").counts(year.org, [before, after])
    assert exact[(ORGANISATION, before.first)] == (6, 12) and exact[(ORGANISATION, after.first)] == (10, 15)
    # Shown rounded: shares to whole numbers, counts to the nearest 5, so two cycles cannot be subtracted.
    assert found.before.text == "50% (about 5 of 10)"
    assert found.after is not None and found.after.text == "67% (about 10 of 15)"
    assert found.words == "Up about 17 percentage points (the better way)"


def test_a_cycle_runs_in_whole_months_and_counts_only_whole_months_while_it_runs(year):
    running = a_cycle(year, starts_on=date(2026, 10, 14), ends_on=date(2026, 12, 3))
    assert (running.starts_on, running.ends_on) == (date(2026, 10, 1), date(2026, 12, 31))
    before, after = cycles.periods(running, TODAY.date())
    assert after == Month(date(2026, 10, 1), date(2026, 10, 31))  # November is not over
    assert before == Month(date(2026, 7, 1), date(2026, 9, 30))  # as many months as the whole cycle
    this_month = a_cycle(year, starts_on=date(2026, 11, 1), ends_on=date(2026, 11, 30))
    assert cycles.periods(this_month, TODAY.date())[1] is None
    assert cycles.before_after(this_month, TODAY.date())[0].after is None


def test_a_teams_cycle_counts_that_team_only(year):
    entries(year, date(2026, 6, 2), 6, 6)  # Ash, team A
    made = history.plan(year.rows, year.cy, year.staff, date(2026, 6, 1))
    for _ in range(7):
        history.entry(year.rows, made, year.staff, date(2026, 6, 2), Voice.PERSON)  # Cy, team B
    year.rows.save()
    [found] = cycles.before_after(a_cycle(year, team=year.b), TODAY.date())
    assert found.after is not None and found.after.text == "100% (about 5 of 5)"
    [whole] = cycles.before_after(a_cycle(year), TODAY.date())
    assert whole.after is not None and whole.after.text == "68% (about 15 of 20)"


def test_starting_a_cycle_refuses_what_is_not_a_measure_or_a_team_of_ours(year):
    with pytest.raises(cycles.CycleError):
        a_cycle(year, chosen=["not_a_measure"])
    with pytest.raises(cycles.CycleError):
        a_cycle(year, chosen=[])
    with pytest.raises(cycles.CycleError):
        a_cycle(year, team=history.Team.objects.create(organisation=OrganisationFactory(), name="Theirs"))
    assert not ImprovementCycle.objects.exists()


def post(client, user, name, data, **kwargs):
    client.force_login(user)
    with time_machine.travel(TODAY, tick=False):
        return client.post(reverse(name, kwargs=kwargs or None), data)


GOOD = {
    "title": "Crisis plans before leaving hospital",
    "aim": "Everyone leaves hospital with an agreed crisis plan",
    "change": "A crisis-plan conversation the week before",
    "measures": ["crisis_plans"],
    "prediction": "Nine in ten",
    "team": "",
    "starts_on": "1/12/2026",
    "ends_on": "28/2/2027",
}


def test_oversight_starts_a_cycle_and_it_is_audited(client, year):
    response = post(client, year.oversight, "oversight_cycle_new", {**GOOD, "organisation": year.org.pk})
    cycle = ImprovementCycle.objects.get()
    assert response.status_code == 302 and response.url == reverse("oversight_cycle", kwargs={"cycle_id": cycle.pk})
    assert cycle.starts_on == date(2026, 12, 1) and cycle.measures == ["crisis_plans"] and cycle.team is None
    assert AuditEvent.objects.filter(object_type="improvement_cycle", action="create").count() == 1


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"title": ""}, "Give the cycle a short name"),
        ({"measures": []}, "Choose at least one measure"),
        ({"measures": ["nothing"]}, "Choose from the list"),
        ({"ends_on": "1/11/2026"}, "The last day must be on or after the first day"),
        ({"starts_on": "31/2/2026"}, "Enter the date as day/month/year"),
        ({"ends_on": "1/12/2028"}, "A cycle lasts a year at most"),
        ({"starts_on": "1/1/0001"}, "Enter a date from 2000 to"),
        ({"ends_on": "31/12/9999"}, "Enter a date from 2000 to"),
        ({"team": "999999"}, "Choose from the list"),
    ],
)
def test_bad_input_gets_a_clear_error_and_changes_nothing(client, year, change, error):
    response = post(client, year.oversight, "oversight_cycle_new", {**GOOD, **change})
    assert response.status_code == 422
    assert error in response.content.decode()
    assert not ImprovementCycle.objects.exists()


def test_what_was_learned_is_kept_and_a_stale_change_is_refused(client, year):
    cycle = a_cycle(year)
    data = {"learned": "People wrote more when asked first", "next_step": "adopt", "revision": 1}
    response = post(client, year.oversight, "oversight_cycle", data, cycle_id=cycle.pk)
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.learned == data["learned"] and cycle.revision == 2 and cycle.completed
    stale = post(client, year.oversight, "oversight_cycle", {**data, "learned": "Other words"}, cycle_id=cycle.pk)
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Someone else changed this cycle" in page and "Other words" in page
    cycle.refresh_from_db()
    assert cycle.learned == data["learned"]


def test_the_next_cycle_follows_the_last_and_each_links_to_the_other(client, year):
    first = a_cycle(year)
    cycles.record_learning(first, learned="Worth it", next_step="adapt", revision_seen=1)
    response = post(
        client,
        year.oversight,
        "oversight_cycle_new",
        {**GOOD, "title": "Second go", "follows": first.pk, "organisation": year.org.pk},
    )
    second = ImprovementCycle.objects.get(title="Second go")
    assert second.follows == first and response.status_code == 302
    client.force_login(year.oversight)
    with time_machine.travel(TODAY, tick=False):
        page = client.get(reverse("oversight_cycle", kwargs={"cycle_id": first.pk})).content.decode()
        assert "Second go" in page
        page = client.get(reverse("oversight_cycle", kwargs={"cycle_id": second.pk})).content.decode()
        assert "People write their own words first" in page


def test_cycles_of_another_organisation_and_to_anyone_else_are_404(client, year):
    cycle = a_cycle(year)
    elsewhere = StaffRoleFactory(team=None, organisation=OrganisationFactory(), role=StaffRole.Role.OVERSIGHT).user
    for user in (elsewhere, year.staff, year.ash.user):
        client.force_login(user)
        assert client.get(reverse("oversight_cycle", kwargs={"cycle_id": cycle.pk})).status_code == 404
        assert client.post(reverse("oversight_cycle", kwargs={"cycle_id": cycle.pk}), {}).status_code == 404
    for user in (year.staff, year.ash.user):
        client.force_login(user)
        assert client.get(reverse("oversight_cycles")).status_code == 404
        assert client.get(reverse("oversight_cycle_new")).status_code == 404


def test_a_team_lead_runs_cycles_for_their_own_teams_only(client, year):
    lead = StaffRoleFactory(team=year.a, organisation=year.org, role=StaffRole.Role.TEAM_LEAD).user
    response = post(client, lead, "oversight_cycle_new", {**GOOD, "team": str(year.b.pk)})
    assert response.status_code == 422 and not ImprovementCycle.objects.exists()
    response = post(client, lead, "oversight_cycle_new", {**GOOD, "team": ""})  # the whole organisation
    assert response.status_code == 422 and not ImprovementCycle.objects.exists()
    assert post(client, lead, "oversight_cycle_new", {**GOOD, "team": str(year.a.pk)}).status_code == 302
    theirs = a_cycle(year, team=year.b)
    data = {"learned": "Not mine to write", "next_step": "adopt", "revision": 1}
    assert post(client, lead, "oversight_cycle", data, cycle_id=theirs.pk).status_code == 404
    client.force_login(lead)
    page = client.get(reverse("oversight_cycle", kwargs={"cycle_id": theirs.pk}))
    assert page.status_code == 200 and "Save what we learned" not in page.content.decode()
    theirs.refresh_from_db()
    assert theirs.learned == ""
