"""The measures are worked out once a day and kept: the page reads the kept counts (a handful of queries, however
many people), works them out itself when none are from today, and the nightly job works out every organisation's."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeplan.oversight.models import MeasureCount
from safeplan.oversight.rollup import refresh_all
from safeplan.oversight.tasks import work_out_measures
from safeplan.oversight.tests.test_pages import busy  # noqa: F401 - the fixture
from safeplan.people.models import Organisation
from safeplan.people.tests.factories import OrganisationFactory

LATER = datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo("Europe/London"))


def view(client, user, when=LATER):
    with time_machine.travel(when, tick=False):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("oversight"))
    assert response.status_code == 200
    return response, len(queries)


def test_the_first_view_of_the_day_works_them_out_and_the_next_reads_them(client, busy):  # noqa: F811
    _, first = view(client, busy.oversight)
    kept = MeasureCount.objects.filter(organisation=busy.org)
    assert kept.exists() and {row.computed_at for row in kept} == {LATER}
    response, again = view(client, busy.oversight, LATER + timedelta(hours=1))
    assert again < first / 5 and again <= 15, f"{again} queries"
    assert "Worked out 20 November 2026 at 3:00pm" in response.content.decode()


def test_the_latest_counts_kept_are_shown_with_when_and_a_new_month_is_worked_out(client, busy):  # noqa: F811
    yesterday = LATER - timedelta(days=1)
    view(client, busy.oversight, yesterday)
    response, _ = view(client, busy.oversight)
    assert "Worked out 19 November 2026 at 3:00pm" in response.content.decode()  # the nightly job had not run
    next_month = LATER + timedelta(days=15)  # 5 December: November is now a whole month, and not counted yet
    view(client, busy.oversight, next_month)
    assert {row.computed_at for row in MeasureCount.objects.filter(organisation=busy.org)} == {next_month}


def test_the_nightly_job_works_out_every_organisation(busy):  # noqa: F811
    OrganisationFactory()
    with time_machine.travel(LATER, tick=False):
        assert work_out_measures.call() == Organisation.objects.count()
    assert MeasureCount.objects.values("organisation").distinct().count() == Organisation.objects.count()
    assert MeasureCount.objects.filter(organisation=busy.org, key="own_words", team_id=busy.a.pk).exists()
    with time_machine.travel(LATER + timedelta(days=1), tick=False):
        refresh_all((LATER + timedelta(days=1)).date())  # again: replaced, not added to
    assert not MeasureCount.objects.filter(computed_at=LATER).exists()


def test_a_measure_missing_from_the_kept_counts_is_worked_out_at_once(client, busy):  # noqa: F811
    view(client, busy.oversight)
    MeasureCount.objects.filter(key="own_words").delete()  # as if the measure were added after last night's count
    later = LATER + timedelta(hours=2)
    view(client, busy.oversight, later)
    assert MeasureCount.objects.filter(key="own_words", computed_at=later).exists()
